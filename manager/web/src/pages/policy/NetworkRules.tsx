import { useCallback, useState } from 'react';
import type { PageRequest } from '../../api/listQuery';
import type { Column } from '../../components/DataTable';
import type { PageProps } from '../routes';
import { useApi, useSession } from '../../session';
import { ActionBadge, GroupLink, Tags } from './bits';
import { Confirm } from '../../components/Confirm';
import { fetchPage } from '../../api/listQuery';
import { OrderedTable } from './OrderedTable';
import type { Move } from './reorder';
import { RuleForm } from './RuleForm';
import { POLICY, type NetworkRule } from './types';
import './policy.css';

const columns: Column<NetworkRule>[] = [
  { key: 'id', title: 'ID', sortable: true, className: 'num' },
  { key: 'from', title: 'From', sortable: true, filter: {}, render: (r) => <GroupLink name={r.from} /> },
  { key: 'to', title: 'To', sortable: true, filter: {}, render: (r) => <GroupLink name={r.to} /> },
  { key: 'ports', title: 'Ports', filter: {} },
  { key: 'applications', title: 'Applications', render: (r) => <Tags items={r.applications} /> },
  { key: 'action', title: 'Action', sortable: true, filter: { options: ['allow', 'deny'] }, render: (r) => <ActionBadge action={r.action} /> },
  {
    key: 'cfg_type',
    title: 'Type',
    filter: { options: ['user_created', 'learned', 'ground', 'federal'] },
    render: (r) => (
      <>
        {r.learned || r.cfg_type === 'learned' ? <span className="badge mode-discover">learned</span> : r.cfg_type}
        {r.disable && <span className="badge muted"> disabled</span>}
      </>
    ),
  },
  { key: 'comment', title: 'Comment' },
];

/** The network rules in first-match order: added, changed, deleted, and reordered by drag and drop or keyboard. */
export default function NetworkRules(_: PageProps) {
  const api = useApi();
  const canWrite = useSession().canWrite(POLICY);
  const [reloadKey, setReloadKey] = useState(0);
  const [editing, setEditing] = useState<NetworkRule | 'new'>();
  const [deleting, setDeleting] = useState<NetworkRule>();
  const reload = () => setReloadKey((k) => k + 1);

  const fetch = useCallback((page: PageRequest) => fetchPage<NetworkRule>(api, '/v1/policy/rule', 'rules', page), [api]);
  const move = useCallback((m: Move) => api.patch('/v1/policy/rule', { move: { id: m.id, after: m.after } }), [api]);
  const rowId = useCallback((r: NetworkRule) => r.id, []);

  return (
    <>
      <OrderedTable
        label="Network rules"
        noun="rule"
        columns={columns}
        fetchPage={fetch}
        rowId={rowId}
        reorder={canWrite ? move : undefined}
        reloadKey={reloadKey}
        onRowActivate={canWrite ? (r) => setEditing(r) : undefined}
        empty="No network rules: traffic follows the groups' modes."
        toolbar={
          canWrite && (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              Add rule
            </button>
          )
        }
        rowActions={
          canWrite
            ? (r) => (
                <>
                  <button type="button" aria-label={`Edit rule ${r.id}`} onClick={() => setEditing(r)}>
                    Edit
                  </button>{' '}
                  <button type="button" className="danger" aria-label={`Delete rule ${r.id}`} onClick={() => setDeleting(r)}>
                    Delete
                  </button>
                </>
              )
            : undefined
        }
      />
      {editing && (
        <RuleForm
          rule={editing === 'new' ? undefined : editing}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) reload();
          }}
        />
      )}
      {deleting && (
        <Confirm
          title={`Delete rule ${deleting.id}`}
          message={`Delete the rule from ${deleting.from} to ${deleting.to}?`}
          onConfirm={() => api.delete(`/v1/policy/rule/${deleting.id}`)}
          onClose={(done) => {
            setDeleting(undefined);
            if (done) reload();
          }}
        />
      )}
    </>
  );
}
