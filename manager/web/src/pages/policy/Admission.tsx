import { useCallback, useEffect, useState } from 'react';
import type { PageRequest } from '../../api/listQuery';
import { DataTable, type Column } from '../../components/DataTable';
import { AsyncView, ErrorBox } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { useApi, useSession } from '../../session';
import type { PageProps } from '../routes';
import { AdmissionAssessment } from './AdmissionAssessment';
import { AdmissionRuleForm } from './AdmissionRuleForm';
import { EditDeleteButtons, useRuleEditing } from './ruleEditing';
import { Tags } from './bits';
import { Confirm } from '../../components/Confirm';
import { fetchPage } from '../../api/listQuery';
import { ADMISSION, type AdmissionCriterion, type AdmissionOptions, type AdmissionRule, type AdmissionState, type AdmissionStats } from './types';
import { useWrite } from '../../components/useWrite';
import './policy.css';
import { FormError } from '../../components/FormError';

function criterionText(c: AdmissionCriterion): string {
  const sub = (c.sub_criteria ?? []).map(criterionText).join(', ');
  return `${c.name} ${c.op} ${c.value}`.trim() + (sub ? ` (${sub})` : '');
}

/** Admission control: its state and counts, its rules with a builder, and the assessment of a YAML file. */
export default function Admission(_: PageProps) {
  const api = useApi();
  const canWrite = useSession().canWrite(ADMISSION);
  const options = useAsync(() => api.get<AdmissionOptions>('/v1/admission/options'), [api]);
  const rules = useRuleEditing<AdmissionRule>();
  const deleting = rules.deleting;
  const fetch = useCallback((page: PageRequest) => fetchPage<AdmissionRule>(api, '/v1/admission/rules', 'rules', page), [api]);

  const columns: Column<AdmissionRule>[] = [
    { key: 'id', title: 'ID', sortable: true, className: 'num' },
    { key: 'rule_type', title: 'Type', sortable: true, filter: { options: ['deny', 'exception'] }, render: (r) => (r.rule_type === 'deny' ? <span className="badge deny">Deny</span> : <span className="badge allow">Allow</span>) },
    { key: 'criteria', title: 'Criteria', render: (r) => <Tags items={(r.criteria ?? []).map(criterionText)} /> },
    { key: 'rule_mode', title: 'Mode', render: (r) => r.rule_mode || <span className="muted">global</span> },
    { key: 'disable', title: 'State', render: (r) => (r.disable ? <span className="badge muted">disabled</span> : 'enabled') },
    { key: 'comment', title: 'Comment', sortable: true, filter: {} },
    ...(canWrite
      ? [
          {
            key: 'change',
            title: 'Change',
            render: (r: AdmissionRule) => <EditDeleteButtons name={`admission rule ${r.id}`} editDisabled={!options.data} onEdit={() => rules.edit(r)} onDelete={() => rules.remove(r)} />,
          },
        ]
      : []),
  ];

  return (
    <>
      <div className="cards">
        <StatePanel canWrite={canWrite} />
        <StatsPanel />
      </div>
      <h2>Rules</h2>
      {options.error && <ErrorBox error={options.error} retry={options.reload} />}
      <DataTable
        label="Admission rules"
        columns={columns}
        fetchPage={fetch}
        rowKey={(r) => String(r.id)}
        reloadKey={rules.reloadKey}
        onRowActivate={canWrite && options.data ? rules.edit : undefined}
        empty="No admission rules: every request is judged by the default action."
        toolbar={
          canWrite && (
            <button type="button" className="primary" disabled={!options.data} onClick={() => rules.edit('new')}>
              Add admission rule
            </button>
          )
        }
      />
      <AdmissionAssessment />
      {rules.editing && options.data && <AdmissionRuleForm rule={rules.editedRule} options={options.data} onClose={rules.closeForm} />}
      {deleting && (
        <Confirm
          title={`Delete admission rule ${deleting.id}`}
          message={`Delete the ${deleting.rule_type} rule ${deleting.id}?`}
          onConfirm={() => api.delete(`/v1/admission/rule/${deleting.id}`)}
          onClose={rules.closeConfirm}
        />
      )}
    </>
  );
}

function StatePanel({ canWrite }: { canWrite: boolean }) {
  const api = useApi();
  const state = useAsync(() => api.get<{ state: AdmissionState }>('/v1/admission/state').then((a) => a.state), [api]);
  const write = useWrite();
  // the user's edits, until saved; without edits the state shows as loaded
  const [draft, setDraft] = useState<{ enable: boolean; mode: string }>();
  useEffect(() => setDraft(undefined), [state.data]);
  const enable = draft?.enable ?? state.data?.enable ?? false;
  const mode = draft?.mode ?? state.data?.mode ?? 'monitor';
  const changed = state.data !== undefined && (enable !== state.data.enable || mode !== state.data.mode);

  return (
    <section className="panel" aria-labelledby="admission-state-title">
      <h2 id="admission-state-title">State</h2>
      <AsyncView value={state}>
        {(s) => (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              write.run(() => api.patch('/v1/admission/state', { state: { enable, mode } }), state.reload);
            }}
          >
            <label className="inline">
              <input type="checkbox" checked={enable} disabled={!canWrite} onChange={(e) => setDraft({ enable: e.target.checked, mode })} />
              Admission control enabled
            </label>
            <label>
              Mode
              <select value={mode} disabled={!canWrite} onChange={(e) => setDraft({ enable, mode: e.target.value })}>
                <option value="monitor">monitor</option>
                <option value="protect">protect</option>
              </select>
            </label>
            <p className="muted">Default action {s.default_action}; failure policy {s.failure_policy ?? 'ignore'}.</p>
            {canWrite && (
              <div className="actions">
                <button type="submit" className="primary" disabled={!changed || write.busy}>
                  Save state
                </button>
              </div>
            )}
            <FormError message={write.error} />
          </form>
        )}
      </AsyncView>
    </section>
  );
}

function StatsPanel() {
  const api = useApi();
  const stats = useAsync(() => api.get<{ stats: AdmissionStats }>('/v1/admission/stats').then((a) => a.stats), [api]);
  return (
    <section className="panel" aria-labelledby="admission-stats-title">
      <h2 id="admission-stats-title">Requests</h2>
      <AsyncView value={stats}>
        {(s) => (
          <dl className="kv" aria-label="Admission requests">
            <dt>Allowed</dt>
            <dd className="stat allow">{s.k8s_allowed_requests}</dd>
            <dt>Denied</dt>
            <dd className="stat deny">{s.k8s_denied_requests}</dd>
            <dt>Erroneous</dt>
            <dd>{s.k8s_erroneous_requests}</dd>
            <dt>Ignored</dt>
            <dd>{s.k8s_ignored_requests}</dd>
            <dt>In progress</dt>
            <dd>{s.k8s_processing_requests}</dd>
          </dl>
        )}
      </AsyncView>
      <button type="button" className="link" onClick={stats.reload}>
        Refresh
      </button>
    </section>
  );
}
