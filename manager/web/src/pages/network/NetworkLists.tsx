import { useCallback } from 'react';
import { listQuery, pageOf, type PageRequest } from '../../api/listQuery';
import { ModeBadge } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { useApi } from '../../session';
import { parseEndpoint, verdictOf, type Conversation, type Endpoint } from './model';
import { formatBytes, VerdictBadge } from './format';

const endpointColumns: Column<Endpoint>[] = [
  { key: 'name', title: 'Name', sortable: true, filter: {}, render: (e) => e.name },
  { key: 'kind', title: 'Kind', sortable: true },
  { key: 'service_group', title: 'Group', sortable: true },
  { key: 'domain', title: 'Namespace', sortable: true },
  { key: 'policy_mode', title: 'Policy mode', sortable: true, render: (e) => <ModeBadge mode={e.policy_mode} /> },
  { key: 'state', title: 'State', sortable: true },
];

/** The graph's endpoints as a table, paged, sorted and filtered by the controller (GET /v1/conversation_endpoint). */
export function EndpointList({ domain, group, activeId, reloadKey, onActivate }: {
  domain: string;
  group: string;
  activeId?: string;
  reloadKey: unknown;
  onActivate: (e: Endpoint) => void;
}) {
  const api = useApi();
  const fetchPage = useCallback(
    (page: PageRequest) => {
      const extra: Record<string, string> = {};
      if (domain) extra.f_domain = `eq,${domain}`;
      if (group) extra.f_service_group = `eq,${group}`;
      return api
        .get<{ endpoints?: unknown[] }>('/v1/conversation_endpoint', listQuery(page, extra))
        .then((r) => pageOf((r.endpoints ?? []).map(parseEndpoint).filter((e): e is Endpoint => e !== undefined), page));
    },
    [api, domain, group],
  );
  return (
    <DataTable
      label="Network nodes"
      columns={endpointColumns}
      fetchPage={fetchPage}
      rowKey={(e) => e.id}
      pageSize={50}
      initialSort={{ field: 'name', dir: 'asc' }}
      activeKey={activeId}
      reloadKey={reloadKey}
      onRowActivate={onActivate}
      empty="No endpoints."
    />
  );
}

interface ConversationRow {
  conversation: Conversation;
  key: string;
  from: string;
  to: string;
  bytes: number;
  sessions: number;
  policy_action: string;
  traffic: string;
}

const conversationColumns: Column<ConversationRow>[] = [
  { key: 'from', title: 'From', sortable: true, filter: {} },
  { key: 'to', title: 'To', sortable: true, filter: {} },
  { key: 'policy_action', title: 'Verdict', sortable: true, render: (r) => <VerdictBadge verdict={verdictOf(r.policy_action)} /> },
  { key: 'traffic', title: 'Ports and applications' },
  { key: 'sessions', title: 'Sessions', sortable: true, className: 'num' },
  { key: 'bytes', title: 'Bytes', sortable: true, className: 'num', render: (r) => formatBytes(r.bytes) },
];

/**
 * The conversations as a table. GET /v1/conversation takes no paging or sorting (NeuVector's neither), so the
 * answer the graph holds is paged, sorted and filtered here.
 */
export function ConversationList({ conversations, nameOf, activeKey, onActivate }: {
  conversations: Conversation[];
  nameOf: (id: string) => string;
  activeKey?: string;
  onActivate: (c: Conversation) => void;
}) {
  const fetchPage = useCallback(
    async (page: PageRequest) => {
      let rows: ConversationRow[] = conversations.map((c) => ({
        conversation: c,
        key: `${c.from}\u0000${c.to}`,
        from: nameOf(c.from),
        to: nameOf(c.to),
        bytes: c.bytes,
        sessions: c.sessions,
        policy_action: c.policy_action,
        traffic: [...c.applications, ...c.ports].join(', '),
      }));
      for (const f of page.filters) {
        const needle = f.value.toLowerCase();
        rows = rows.filter((r) => String(r[f.field as keyof ConversationRow]).toLowerCase().includes(needle));
      }
      if (page.sort) {
        const field = page.sort.field as 'from' | 'to' | 'bytes' | 'sessions' | 'policy_action';
        const sign = page.sort.dir === 'asc' ? 1 : -1;
        rows = [...rows].sort((a, b) => (a[field] < b[field] ? -sign : a[field] > b[field] ? sign : 0));
      }
      return pageOf(rows.slice(page.start, page.start + page.limit + 1), page);
    },
    [conversations, nameOf],
  );
  return (
    <DataTable
      label="Network conversations"
      columns={conversationColumns}
      fetchPage={fetchPage}
      rowKey={(r) => r.key}
      pageSize={50}
      initialSort={{ field: 'bytes', dir: 'desc' }}
      activeKey={activeKey}
      onRowActivate={(r) => onActivate(r.conversation)}
      empty="No conversations."
    />
  );
}
