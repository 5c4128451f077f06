import { useState } from 'react';
import { useApi } from '../../session';
import { FormDialog } from '../../components/FormDialog';
import { RowsEditor } from './RowsEditor';
import type { AdmissionCriterion, AdmissionOption, AdmissionOptions, AdmissionRule } from './types';
import { useWrite } from '../../components/useWrite';
import { CheckField, TextField } from '../../components/Fields';

type RuleType = 'deny' | 'exception';

/** The criteria a rule type offers, by name. */
function offered(options: AdmissionOptions, type: RuleType): Record<string, AdmissionOption> {
  const o = options.admission_options;
  return (type === 'deny' ? o.deny_options : o.exception_options).k8s_options.rule_options;
}

/** A criterion fitted to its option: an operator it offers, sub-criteria only where it has them. */
function fitted(c: AdmissionCriterion, option: AdmissionOption | undefined): AdmissionCriterion {
  const ops = option?.ops ?? [];
  const op = ops.length === 0 ? '' : ops.includes(c.op) ? c.op : ops[0];
  const subOptions = option?.sub_options ?? {};
  const sub = (c.sub_criteria ?? []).filter((s) => s.name in subOptions).map((s) => fitted(s, subOptions[s.name]));
  const values = option?.values ?? [];
  const value = values.length > 0 && !values.includes(c.value) ? values[0] : c.value;
  return { name: c.name, op, value, ...(sub.length ? { sub_criteria: sub } : {}) };
}

/**
 * The rule builder: a deny or an exception (allow) rule of criteria picked from the controller's options, each
 * with the operators and values its option offers, and sub-criteria where the option has them.
 */
export function AdmissionRuleForm({ rule, options, onClose }: { rule?: AdmissionRule; options: AdmissionOptions; onClose: (saved: boolean) => void }) {
  const api = useApi();
  const write = useWrite();
  const [type, setType] = useState<RuleType>((rule?.rule_type as RuleType) ?? 'deny');
  const [criteria, setCriteria] = useState<AdmissionCriterion[]>(rule?.criteria ?? []);
  const [mode, setMode] = useState(rule?.rule_mode ?? '');
  const [comment, setComment] = useState(rule?.comment ?? '');
  const [disable, setDisable] = useState(rule?.disable ?? false);
  const choices = offered(options, type);
  const names = Object.keys(choices).sort();

  const change = (rows: AdmissionCriterion[], within = choices) => setCriteria(rows.map((c) => fitted(c, within[c.name])));
  const changeType = (next: RuleType) => {
    setType(next);
    const nextChoices = offered(options, next);
    change(criteria.filter((c) => c.name in nextChoices), nextChoices);
    if (next === 'exception') setMode('');
  };

  const submit = () => {
    const config = { rule_type: type, category: 'Kubernetes', criteria, comment, disable, rule_mode: type === 'deny' ? mode : '', containers: rule?.containers ?? ['containers'] };
    write.run(() => (rule ? api.patch('/v1/admission/rule', { config: { id: rule.id, ...config } }) : api.post('/v1/admission/rule', { config })), () => onClose(true));
  };

  return (
    <FormDialog title={rule ? `Edit admission rule ${rule.id}` : 'Add an admission rule'} write={write} onSubmit={submit} onClose={() => onClose(false)}>
      <div className="form-row">
        <label>
          Rule type
          <select value={type} onChange={(e) => changeType(e.target.value as RuleType)}>
            <option value="deny">Deny</option>
            <option value="exception">Allow (exception)</option>
          </select>
        </label>
        {type === 'deny' && (
          <label>
            Rule mode
            <select value={mode} onChange={(e) => setMode(e.target.value)}>
              <option value="">As admission control</option>
              <option value="monitor">monitor</option>
              <option value="protect">protect</option>
            </select>
          </label>
        )}
        <CheckField label="Disabled" checked={disable} onChange={setDisable} />
      </div>
      <RowsEditor
        title="Criteria" noun="criterion"
        rows={criteria}
        onChange={(rows) => change(rows)}
        newRow={() => fitted({ name: names[0], op: '', value: '' }, choices[names[0]])}
        fields={[
          { key: 'name', label: 'Criterion', options: names },
          { key: 'op', label: 'Operator', options: (c) => choices[c.name]?.ops ?? [] },
          { key: 'value', label: 'Value', placeholder: 'values, comma-separated', options: (c) => (choices[c.name]?.values?.length ? choices[c.name].values : undefined) },
        ]}
        extra={(c, update, i) => {
          const subOptions = choices[c.name]?.sub_options;
          if (!subOptions) return null;
          const subNames = Object.keys(subOptions).sort();
          return (
            <RowsEditor
              title="Sub-criteria" noun={`criterion ${i + 1} sub-criterion`}
              rows={c.sub_criteria ?? []}
              onChange={(rows) => update({ ...c, sub_criteria: rows.map((s) => fitted(s, subOptions[s.name])) })}
              newRow={() => fitted({ name: subNames[0], op: '', value: '' }, subOptions[subNames[0]])}
              fields={[
                { key: 'name', label: 'Criterion', options: subNames },
                { key: 'op', label: 'Operator', options: (s) => subOptions[s.name]?.ops ?? [] },
                { key: 'value', label: 'Value' },
              ]}
            />
          );
        }}
      />
      <TextField label="Comment" value={comment} onChange={setComment} />
    </FormDialog>
  );
}
