import type { Column } from '../../components/DataTable';
import type { PageProps } from '../routes';
import { useApi, useSession } from '../../session';
import { ActionBadge, GroupLink, Tags } from './bits';
import { Confirm } from '../../components/Confirm';
import { RuleForm } from './RuleForm';
import { useRuleEditing } from './ruleEditing';
import { RulesTable } from './RulesTable';
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
  const rules = useRuleEditing<NetworkRule>();
  const deleting = rules.deleting;

  return (
    <>
      <RulesTable
        path="/v1/policy/rule"
        label="Network rules"
        noun="rule"
        columns={columns}
        canWrite={canWrite}
        rules={rules}
        addLabel="Add rule"
        empty="No network rules: traffic follows the groups' modes."
      />
      {rules.editing && <RuleForm rule={rules.editedRule} onClose={rules.closeForm} />}
      {deleting && (
        <Confirm
          title={`Delete rule ${deleting.id}`}
          message={`Delete the rule from ${deleting.from} to ${deleting.to}?`}
          onConfirm={() => api.delete(`/v1/policy/rule/${deleting.id}`)}
          onClose={rules.closeConfirm}
        />
      )}
    </>
  );
}
