import { useCallback, useState } from 'react';
import { ModeBadge } from '../../components/Badges';
import { AsyncView, ErrorBox } from '../../components/States';
import { Tabs } from '../../components/Tabs';
import { useAsync } from '../../components/useAsync';
import { Link, navigate } from '../../router';
import { useApi, useSession } from '../../session';
import { ActionBadge, GroupLink, Tags } from './bits';
import { Confirm } from '../../components/Confirm';
import { FileProfileTab } from './FileProfileTab';
import { GroupForm } from './GroupForm';
import { LocalTable } from './LocalTable';
import { hasMode, setModes } from './modes';
import { ModeSwitch } from './ModeSwitch';
import { ProcessProfileTab } from './ProcessProfileTab';
import { SensorBindingsTab } from './SensorBindingsTab';
import { POLICY, type Group, type NetworkRule } from './types';
import { useWrite } from '../../components/useWrite';
import { FormError } from '../../components/FormError';

type Tab = 'criteria' | 'members' | 'process' | 'file' | 'sensors' | 'rules';

/** One group: what it is, its mode, criteria, members, process and file profiles, and its network rules. */
export function GroupDetail({ name }: { name: string }) {
  const api = useApi();
  const canWrite = useSession().canWrite(POLICY);
  const path = `/v1/group/${encodeURIComponent(name)}`;
  const group = useAsync(() => api.get<{ group: Group }>(path).then((a) => a.group), [api, path]);
  const [tab, setTab] = useState<Tab>('criteria');
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const modeWrite = useWrite();

  return (
    <>
      <p>
        <Link to="/policy/groups">← All groups</Link>
      </p>
      <AsyncView value={group}>
        {(g) => {
          const custom = g.cfg_type === 'user_created';
          const profiled = g.kind !== 'address';
          const tabs: { key: Tab; title: string }[] = [
            { key: 'criteria', title: 'Criteria' },
            { key: 'members', title: `Members (${g.members.length})` },
            ...(profiled
              ? [
                  { key: 'process' as Tab, title: 'Process profile' },
                  { key: 'file' as Tab, title: 'File profile' },
                  { key: 'sensors' as Tab, title: 'DLP and WAF' },
                ]
              : []),
            { key: 'rules', title: `Network rules (${g.policy_rules.length})` },
          ];
          return (
            <section aria-labelledby="group-title">
              <div className="panel">
                <h2 id="group-title">{g.name}</h2>
                <dl className="kv">
                  <dt>Comment</dt>
                  <dd>{g.comment || '–'}</dd>
                  <dt>Kind</dt>
                  <dd>{g.kind}</dd>
                  <dt>Type</dt>
                  <dd>{g.cfg_type}</dd>
                  <dt>Namespace</dt>
                  <dd>{g.domain || '–'}</dd>
                  <dt>Policy mode</dt>
                  <dd>
                    <ModeBadge mode={g.policy_mode} />
                  </dd>
                  <dt>Profile mode</dt>
                  <dd>
                    <ModeBadge mode={g.profile_mode} />
                  </dd>
                </dl>
                <div className="actions" style={{ marginTop: '0.8rem', marginBottom: 0 }}>
                  {hasMode(g) && canWrite && (
                    <ModeSwitch label="Group mode" mode={g.policy_mode} disabled={modeWrite.busy} onChange={(m) => modeWrite.run(() => setModes(api, [g.name], m), group.reload)} />
                  )}
                  {custom && canWrite && (
                    <>
                      <button type="button" onClick={() => setEditing(true)}>
                        Edit group
                      </button>
                      <button type="button" className="danger" onClick={() => setDeleting(true)}>
                        Delete group
                      </button>
                    </>
                  )}
                </div>
                <FormError message={modeWrite.error} />
              </div>
              <Tabs label="Group" tabs={tabs} active={tab} onChange={setTab} />
              <div role="tabpanel" aria-label={tabs.find((t) => t.key === tab)?.title}>
                {tab === 'criteria' && <Criteria group={g} />}
                {tab === 'members' && <Members group={g} />}
                {tab === 'process' && <ProcessProfileTab group={g.name} />}
                {tab === 'file' && <FileProfileTab group={g.name} />}
                {tab === 'sensors' && <SensorBindingsTab group={g.name} />}
                {tab === 'rules' && <GroupRules group={g} />}
              </div>
              {editing && (
                <GroupForm
                  group={g}
                  onClose={(saved) => {
                    setEditing(false);
                    if (saved) group.reload();
                  }}
                />
              )}
              {deleting && (
                <Confirm
                  title={`Delete group ${g.name}`}
                  message={`Delete the group ${g.name}? Groups that rules use cannot be deleted.`}
                  onConfirm={() => api.delete(path)}
                  onClose={(done) => {
                    setDeleting(false);
                    if (done) navigate('/policy/groups');
                  }}
                />
              )}
            </section>
          );
        }}
      </AsyncView>
    </>
  );
}

function Criteria({ group }: { group: Group }) {
  return (
    <LocalTable
      label="Criteria"
      rows={group.criteria}
      rowKey={(c) => `${c.key} ${c.op} ${c.value}`}
      empty={group.reserved ? 'A reserved group: the controller decides its members.' : 'No criteria.'}
      columns={[
        { key: 'key', title: 'Key' },
        { key: 'op', title: 'Operator' },
        { key: 'value', title: 'Value', className: 'mono' },
      ]}
    />
  );
}

function Members({ group }: { group: Group }) {
  return (
    <LocalTable
      label="Members"
      rows={group.members}
      rowKey={(m) => m.id}
      empty="No running containers in this group."
      columns={[
        { key: 'display_name', title: 'Name', sortable: true, filter: {} },
        { key: 'image', title: 'Image', sortable: true, filter: {} },
        { key: 'host_name', title: 'Node', sortable: true },
        { key: 'domain', title: 'Namespace', sortable: true },
        { key: 'state', title: 'State', sortable: true },
        { key: 'policy_mode', title: 'Mode', render: (m) => <ModeBadge mode={m.policy_mode} /> },
      ]}
    />
  );
}

/** The rules from or to the group, in policy order: the controller filters by from and by to. */
function GroupRules({ group }: { group: Group }) {
  const api = useApi();
  const ruleIds = group.policy_rules.join();
  const load = useCallback(async () => {
    const side = (field: 'from' | 'to') => api.get<{ rules: NetworkRule[] }>('/v1/policy/rule', { [`f_${field}`]: `eq,${group.name}` }).then((a) => a.rules);
    const [from, to] = await Promise.all([side('from'), side('to')]);
    const byId = new Map([...from, ...to].map((r) => [r.id, r]));
    const ids = ruleIds.split(',').map(Number);
    const order = (id: number) => ids.indexOf(id) + 1 || Number.MAX_SAFE_INTEGER;
    return [...byId.values()].sort((a, b) => order(a.id) - order(b.id));
  }, [api, group.name, ruleIds]);
  const rules = useAsync(load, [load]);
  if (rules.error) return <ErrorBox error={rules.error} retry={rules.reload} />;
  return (
    <>
      <p>
        <Link to="/policy/network-rules">Edit the network rules</Link>
      </p>
      <AsyncView value={rules}>
        {(rows) => (
          <LocalTable
            label="Group network rules"
            rows={rows}
            rowKey={(r) => String(r.id)}
            empty="No network rules from or to this group."
            columns={[
              { key: 'id', title: 'ID', className: 'num' },
              { key: 'from', title: 'From', render: (r) => <GroupLink name={r.from} /> },
              { key: 'to', title: 'To', render: (r) => <GroupLink name={r.to} /> },
              { key: 'ports', title: 'Ports' },
              { key: 'applications', title: 'Applications', render: (r) => <Tags items={r.applications} /> },
              { key: 'action', title: 'Action', render: (r) => <ActionBadge action={r.action} /> },
            ]}
          />
        )}
      </AsyncView>
    </>
  );
}
