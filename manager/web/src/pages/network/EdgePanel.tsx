import { useCallback } from 'react';
import { listQuery, pageOf, type PageRequest } from '../../api/listQuery';
import { SeverityBadge, Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { Link } from '../../router';
import { useApi } from '../../session';
import { verdictOf, type Conversation, type GraphEdge } from './model';
import { formatBytes, VerdictBadge } from './format';
import { SidePanel } from './SidePanel';

export interface EdgePanelProps {
  edge: GraphEdge;
  /** The name shown for an endpoint or node id. */
  nameOf: (id: string) => string;
  onClose: () => void;
}

/** A selected edge: its totals, then one conversation's entries and violations, or the conversations merged in it. */
export function EdgePanel({ edge, nameOf, onClose }: EdgePanelProps) {
  const title = `${nameOf(edge.from)} → ${nameOf(edge.to)}`;
  const single = edge.conversations.length === 1 ? edge.conversations[0] : undefined;
  return (
    <SidePanel label={`Conversation ${title}`} title={title} what="conversation" onClose={onClose}>
      <dl className="kv">
        <dt>Verdict</dt>
        <dd>
          <VerdictBadge verdict={edge.verdict} />
        </dd>
        <dt>Sessions</dt>
        <dd>{edge.sessions.toLocaleString()}</dd>
        <dt>Bytes</dt>
        <dd>{formatBytes(edge.bytes)}</dd>
        {single && (
          <>
            <dt>Ports</dt>
            <dd>{single.ports.join(', ') || '–'}</dd>
            <dt>Applications</dt>
            <dd>{single.applications.join(', ') || '–'}</dd>
          </>
        )}
      </dl>
      {single ? <ConversationDetail conversation={single} /> : <Merged conversations={edge.conversations} nameOf={nameOf} />}
    </SidePanel>
  );
}

function Merged({ conversations, nameOf }: { conversations: Conversation[]; nameOf: (id: string) => string }) {
  return (
    <>
      <h3>Conversations merged in this edge ({conversations.length})</h3>
      <p className="muted">A group is collapsed: expand it to select each conversation.</p>
      <ul className="nw-links">
        {conversations.map((c) => (
          <li key={`${c.from}\u0000${c.to}`}>
            {nameOf(c.from)} → {nameOf(c.to)} <VerdictBadge verdict={verdictOf(c.policy_action)} />{' '}
            <span className="muted">{formatBytes(c.bytes)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** RESTConversationEntry, as GET /v1/conversation/{from}/{to} gives it. */
interface DetailEntry {
  port?: string;
  application?: string;
  policy_action?: string;
  policy_id?: number;
  bytes?: number;
  sessions?: number;
  last_seen_at?: string;
  client_ip?: string;
  server_ip?: string;
}

interface Violation {
  id: string;
  reported_at?: string;
  level?: string;
  policy_action?: string;
  policy_id?: number;
  server_port?: number;
  applications?: string[];
  client_ip?: string;
  server_ip?: string;
}

const violationColumns: Column<Violation>[] = [
  { key: 'reported_timestamp', title: 'Reported', sortable: true, render: (v) => <Time value={v.reported_at} /> },
  { key: 'level', title: 'Level', render: (v) => <SeverityBadge severity={v.level} /> },
  { key: 'policy_action', title: 'Action', render: (v) => <VerdictBadge verdict={verdictOf(v.policy_action ?? '')} /> },
  { key: 'server_port', title: 'Port', sortable: true, className: 'num' },
  { key: 'applications', title: 'Applications', render: (v) => (v.applications ?? []).join(', ') },
  { key: 'policy_id', title: 'Rule', render: (v) => <RuleLink id={v.policy_id} /> },
];

function RuleLink({ id }: { id?: number }) {
  if (!id) return <span className="muted">none</span>;
  return (
    <Link to="/policy/network-rules" params={{ id: String(id) }}>
      Rule {id}
    </Link>
  );
}

function ConversationDetail({ conversation }: { conversation: Conversation }) {
  const api = useApi();
  const path = `/v1/conversation/${encodeURIComponent(conversation.from)}/${encodeURIComponent(conversation.to)}`;
  const detail = useAsync(
    () => api.get<{ conversation?: { entries?: DetailEntry[] } }>(path).then((r) => r.conversation?.entries ?? []),
    [api, path],
  );
  const fetchViolations = useCallback(
    (page: PageRequest) =>
      api
        .get<{ violations?: Violation[] }>(
          '/v1/log/violation',
          listQuery(page, { f_client_id: `eq,${conversation.from}`, f_server_id: `eq,${conversation.to}` }),
        )
        .then((r) => pageOf(r.violations, page)),
    [api, conversation.from, conversation.to],
  );
  return (
    <>
      <h3>Traffic and the rules that apply</h3>
      <AsyncView value={detail} isEmpty={(entries) => entries.length === 0} empty="No traffic recorded.">
        {(entries) => (
          <div className="table-wrap">
            <table className="data" aria-label="Conversation entries">
              <thead>
                <tr>
                  <th>Port or application</th>
                  <th>Action</th>
                  <th>Rule</th>
                  <th className="num">Sessions</th>
                  <th className="num">Bytes</th>
                  <th>Last seen</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={i}>
                    <td>{e.application || e.port || '–'}</td>
                    <td>
                      <VerdictBadge verdict={verdictOf(e.policy_action ?? '')} />
                    </td>
                    <td>
                      <RuleLink id={e.policy_id} />
                    </td>
                    <td className="num">{e.sessions ?? 0}</td>
                    <td className="num">{formatBytes(e.bytes ?? 0)}</td>
                    <td>
                      <Time value={e.last_seen_at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncView>
      <h3>Violations</h3>
      <DataTable
        label="Violations of this conversation"
        columns={violationColumns}
        fetchPage={fetchViolations}
        rowKey={(v) => v.id}
        pageSize={10}
        initialSort={{ field: 'reported_timestamp', dir: 'desc' }}
        empty="No violations."
      />
    </>
  );
}
