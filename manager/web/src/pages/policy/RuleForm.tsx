import { useState } from 'react';
import { useApi } from '../../session';
import { FormDialog } from '../../components/FormDialog';
import { GroupNames } from './GroupNames';
import { splitList } from './lists';
import type { NetworkRule } from './types';
import { useWrite } from '../../components/useWrite';
import { CheckField, TextField } from '../../components/Fields';

type Where = 'top' | 'bottom';

/** Adds a network rule (at the top or the bottom) or changes one. */
export function RuleForm({ rule, onClose }: { rule?: NetworkRule; onClose: (saved: boolean) => void }) {
  const api = useApi();
  const write = useWrite();
  const [from, setFrom] = useState(rule?.from ?? '');
  const [to, setTo] = useState(rule?.to ?? '');
  const [ports, setPorts] = useState(rule?.ports ?? 'any');
  const [apps, setApps] = useState((rule?.applications ?? ['any']).join(', '));
  const [action, setAction] = useState(rule?.action ?? 'allow');
  const [disable, setDisable] = useState(rule?.disable ?? false);
  const [comment, setComment] = useState(rule?.comment ?? '');
  const [where, setWhere] = useState<Where>('top');

  const submit = () => {
    const fields = { from: from.trim(), to: to.trim(), ports: ports.trim() || 'any', applications: splitList(apps).length ? splitList(apps) : ['any'], action, disable, comment };
    write.run(
      () =>
        rule
          ? api.patch(`/v1/policy/rule/${rule.id}`, { config: { id: rule.id, ...fields } })
          : api.patch('/v1/policy/rule', { insert: { after: where === 'top' ? 0 : -1, rules: [{ id: 0, ...fields }] } }),
      () => onClose(true),
    );
  };

  return (
    <FormDialog title={rule ? `Edit rule ${rule.id}` : 'Add a network rule'} write={write} onSubmit={submit} onClose={() => onClose(false)}>
      <GroupNames id="rule-groups" />
      <div className="form-row">
        <label>
          From
          <input required list="rule-groups" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input required list="rule-groups" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <div className="form-row">
        <label>
          Ports
          <input value={ports} placeholder="any, tcp/80, udp/53, tcp/8000-8080" onChange={(e) => setPorts(e.target.value)} />
        </label>
        <label>
          Applications
          <input value={apps} placeholder="any, HTTP, Redis" onChange={(e) => setApps(e.target.value)} />
        </label>
      </div>
      <div className="form-row">
        <label>
          Action
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="allow">allow</option>
            <option value="deny">deny</option>
          </select>
        </label>
        {!rule && (
          <label>
            Position
            <select value={where} onChange={(e) => setWhere(e.target.value as Where)}>
              <option value="top">At the top</option>
              <option value="bottom">At the bottom</option>
            </select>
          </label>
        )}
        <CheckField label="Disabled" checked={disable} onChange={setDisable} />
      </div>
      <TextField label="Comment" value={comment} onChange={setComment} />
    </FormDialog>
  );
}
