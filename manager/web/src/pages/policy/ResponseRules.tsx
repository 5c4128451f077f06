import type { Column } from '../../components/DataTable';
import { ErrorBox } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { useApi, useSession } from '../../session';
import type { PageProps } from '../routes';
import { GroupLink, Tags } from './bits';
import { Confirm } from '../../components/Confirm';
import { ResponseRuleForm } from './ResponseRuleForm';
import { useRuleEditing } from './ruleEditing';
import { RulesTable } from './RulesTable';
import { POLICY, type ResponseOptions, type ResponseRule } from './types';
import './policy.css';

const EVENTS = ['event', 'security-event', 'cve-report', 'compliance', 'admission-control'];

const columns: Column<ResponseRule>[] = [
  { key: 'id', title: 'ID', sortable: true, className: 'num' },
  { key: 'event', title: 'Event', sortable: true, filter: { options: EVENTS } },
  { key: 'group', title: 'Group', sortable: true, filter: {}, render: (r) => <GroupLink name={r.group} /> },
  { key: 'conditions', title: 'Conditions', render: (r) => <Tags items={(r.conditions ?? []).map((c) => `${c.type}: ${c.value}`)} /> },
  { key: 'actions', title: 'Actions', render: (r) => <Tags items={[...(r.actions ?? []), ...(r.webhooks ?? []).map((w) => `→ ${w}`)]} /> },
  { key: 'disable', title: 'State', render: (r) => (r.disable ? <span className="badge muted">disabled</span> : 'enabled') },
  { key: 'comment', title: 'Comment', filter: {} },
];

/** Response rules in order: added, changed, deleted, reordered like the network rules. */
export default function ResponseRules(_: PageProps) {
  const api = useApi();
  const canWrite = useSession().canWrite(POLICY);
  const options = useAsync(() => api.get<ResponseOptions>('/v1/response/options'), [api]);
  const rules = useRuleEditing<ResponseRule>();
  const deleting = rules.deleting;

  return (
    <>
      <RulesTable
        path="/v1/response/rule"
        label="Response rules"
        noun="response rule"
        columns={columns}
        canWrite={canWrite}
        rules={rules}
        addLabel="Add response rule"
        formReady={options.data !== undefined}
        empty="No response rules."
      />
      {options.error && <ErrorBox error={options.error} retry={options.reload} />}
      {rules.editing && options.data && <ResponseRuleForm rule={rules.editedRule} options={options.data} onClose={rules.closeForm} />}
      {deleting && (
        <Confirm
          title={`Delete response rule ${deleting.id}`}
          message={`Delete the ${deleting.event} response rule ${deleting.id}?`}
          onConfirm={() => api.delete(`/v1/response/rule/${deleting.id}`)}
          onClose={rules.closeConfirm}
        />
      )}
    </>
  );
}
