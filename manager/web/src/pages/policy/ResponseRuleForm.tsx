import { useState } from 'react';
import { useApi } from '../../session';
import { FormDialog } from '../../components/FormDialog';
import { GroupNames } from './GroupNames';
import { RowsEditor } from './RowsEditor';
import type { Condition, ResponseOptions, ResponseRule } from './types';
import { useWrite } from '../../components/useWrite';
import { CheckField, TextField } from '../../components/Fields';

const ACTION_TITLES: Record<string, string> = { quarantine: 'Quarantine', webhook: 'Webhook', 'suppress-log': 'Suppress log' };

/** Adds a response rule (at the top or the bottom) or changes one; conditions and actions follow its event. */
export function ResponseRuleForm({ rule, options, onClose }: { rule?: ResponseRule; options: ResponseOptions; onClose: (saved: boolean) => void }) {
  const api = useApi();
  const write = useWrite();
  const events = Object.keys(options.response_rule_options);
  const [event, setEvent] = useState(rule?.event ?? events[0] ?? '');
  const [group, setGroup] = useState(rule?.group ?? '');
  const [conditions, setConditions] = useState<Condition[]>(rule?.conditions ?? []);
  const [actions, setActions] = useState<string[]>(rule?.actions ?? []);
  const [webhooks, setWebhooks] = useState<string[]>(rule?.webhooks ?? []);
  const [disable, setDisable] = useState(rule?.disable ?? false);
  const [comment, setComment] = useState(rule?.comment ?? '');
  const [where, setWhere] = useState<'top' | 'bottom'>('top');
  const allowed = options.response_rule_options[event] ?? { types: [], actions: [] };

  const toggle = (list: string[], item: string, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));
  const changeEvent = (next: string) => {
    const o = options.response_rule_options[next];
    setEvent(next);
    setConditions(conditions.filter((c) => o?.types.includes(c.type)));
    setActions(actions.filter((a) => o?.actions.includes(a)));
  };

  const submit = () => {
    const fields = { event, group: group.trim(), conditions: conditions.map((c) => ({ type: c.type, value: c.value.trim() })), actions, webhooks: actions.includes('webhook') ? webhooks : [], disable, comment };
    write.run(
      () => (rule ? api.patch(`/v1/response/rule/${rule.id}`, { config: { id: rule.id, ...fields } }) : api.patch('/v1/response/rule', { insert: { after: where === 'top' ? 0 : -1, rules: [{ id: 0, ...fields }] } })),
      () => onClose(true),
    );
  };

  return (
    <FormDialog title={rule ? `Edit response rule ${rule.id}` : 'Add a response rule'} write={write} onSubmit={submit} onClose={() => onClose(false)}>
      <GroupNames id="response-groups" />
      <div className="form-row">
        <label>
          Event
          <select value={event} onChange={(e) => changeEvent(e.target.value)}>
            {events.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </select>
        </label>
        <label>
          Group
          <input list="response-groups" value={group} placeholder="any group" onChange={(e) => setGroup(e.target.value)} />
        </label>
        {!rule && (
          <label>
            Position
            <select value={where} onChange={(e) => setWhere(e.target.value as 'top' | 'bottom')}>
              <option value="top">At the top</option>
              <option value="bottom">At the bottom</option>
            </select>
          </label>
        )}
      </div>
      <RowsEditor title="Conditions" noun="condition" rows={conditions} onChange={setConditions} newRow={() => ({ type: allowed.types[0] ?? 'name', value: '' })} fields={[{ key: 'type', label: 'Type', options: allowed.types }, { key: 'value', label: 'Value' }]} />
      <fieldset className="rows-editor">
        <legend>Actions</legend>
        <div className="form-row">
          {allowed.actions.map((a) => (
            <label key={a} className="inline">
              <input type="checkbox" checked={actions.includes(a)} onChange={(e) => setActions(toggle(actions, a, e.target.checked))} />
              {ACTION_TITLES[a] ?? a}
            </label>
          ))}
        </div>
        {actions.includes('webhook') && (
          <div className="form-row" role="group" aria-label="Webhooks">
            {options.webhooks.length === 0 && <span className="muted">No webhooks are configured (Settings, Configuration).</span>}
            {options.webhooks.map((w) => (
              <label key={w} className="inline">
                <input type="checkbox" checked={webhooks.includes(w)} onChange={(e) => setWebhooks(toggle(webhooks, w, e.target.checked))} />
                {w}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <CheckField label="Disabled" checked={disable} onChange={setDisable} />
      <TextField label="Comment" value={comment} onChange={setComment} />
    </FormDialog>
  );
}
