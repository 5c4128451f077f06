import { useState } from 'react';
import { useApi } from '../../session';
import { FormDialog } from '../../components/FormDialog';
import { RowsEditor } from './RowsEditor';
import type { Sensor, SensorPattern, SensorRule } from './types';
import { useWrite } from '../../components/useWrite';
import { TextField } from '../../components/Fields';

export type SensorKind = 'dlp' | 'waf';

const CONTEXTS: Record<SensorKind, string[]> = { dlp: ['packet'], waf: ['url', 'header', 'body', 'packet'] };
const newPattern = (kind: SensorKind): SensorPattern => ({ key: 'pattern', op: 'regex', value: '', context: CONTEXTS[kind][0] });

/** Adds a sensor or changes one: its comment and its rules, each of regular-expression patterns. */
export function SensorForm({ kind, sensor, onClose }: { kind: SensorKind; sensor?: Sensor; onClose: (saved?: string) => void }) {
  const api = useApi();
  const write = useWrite();
  const [name, setName] = useState(sensor?.name ?? '');
  const [comment, setComment] = useState(sensor?.comment ?? '');
  const [rules, setRules] = useState<SensorRule[]>(sensor?.rules.map((r) => ({ name: r.name, patterns: r.patterns })) ?? [{ name: '', patterns: [newPattern(kind)] }]);
  const title = `${sensor ? `Edit ${kind.toUpperCase()} sensor ${sensor.name}` : `Add a ${kind.toUpperCase()} sensor`}`;

  const submit = () => {
    const config = {
      name: name.trim(),
      comment,
      rules: rules.map((r) => ({ name: r.name.trim(), patterns: r.patterns.map((p) => ({ key: 'pattern', op: p.op, value: p.value, context: p.context })) })),
    };
    write.run(() => (sensor ? api.patch(`/v1/${kind}/sensor/${encodeURIComponent(sensor.name)}`, { config }) : api.post(`/v1/${kind}/sensor`, { config })), () => onClose(config.name));
  };

  return (
    <FormDialog title={title} write={write} onSubmit={submit} onClose={() => onClose()}>
      {!sensor && (
        <label>
          Sensor name
          <input required value={name} placeholder="sensor names do not start with sensor." onChange={(e) => setName(e.target.value)} />
        </label>
      )}
      <TextField label="Comment" value={comment} onChange={setComment} />
      <RowsEditor
        title="Rules" noun="rule"
        rows={rules}
        onChange={setRules}
        newRow={() => ({ name: '', patterns: [newPattern(kind)] })}
        fields={[{ key: 'name', label: 'Name', placeholder: 'rule.password' }]}
        extra={(rule, update, i) => (
          <RowsEditor
            title="Patterns" noun={`rule ${i + 1} pattern`}
            rows={rule.patterns}
            onChange={(patterns) => update({ ...rule, patterns })}
            newRow={() => newPattern(kind)}
            fields={[
              { key: 'op', label: 'Match', options: ['regex', '!regex'] },
              { key: 'value', label: 'Pattern', placeholder: 'regular expression' },
              { key: 'context', label: 'Context', options: CONTEXTS[kind] },
            ]}
          />
        )}
      />
    </FormDialog>
  );
}
