import { useState } from 'react';
import { useApi } from '../../session';
import { FormDialog } from '../../components/FormDialog';
import { RowsEditor } from './RowsEditor';
import type { Criterion, Group } from './types';
import { useWrite } from '../../components/useWrite';
import { TextField } from '../../components/Fields';

const KEYS = ['container', 'image', 'service', 'namespace', 'domain', 'label', 'node', 'user', 'address'];
const OPS = ['=', '!=', 'contains', 'prefix', 'regex', '!regex'];

/** Makes a custom group or changes one: its comment and its criteria (same key: any; different keys: all). */
export function GroupForm({ group, onClose }: { group?: Group; onClose: (saved?: string) => void }) {
  const api = useApi();
  const write = useWrite();
  const [name, setName] = useState(group?.name ?? '');
  const [comment, setComment] = useState(group?.comment ?? '');
  const [criteria, setCriteria] = useState<Criterion[]>(group?.criteria ?? [{ key: 'container', op: '=', value: '' }]);

  const submit = () => {
    const config = { name: name.trim(), comment, criteria: criteria.map((c) => ({ ...c, value: c.value.trim() })) };
    write.run(
      () => (group ? api.patch(`/v1/group/${encodeURIComponent(group.name)}`, { config }) : api.post('/v1/group', { config: { ...config, cfg_type: 'user_created' } })),
      () => onClose(config.name),
    );
  };

  return (
    <FormDialog title={group ? `Edit group ${group.name}` : 'Add a group'} write={write} onSubmit={submit} onClose={() => onClose()}>
      {!group && (
        <label>
          Name
          <input required value={name} pattern="[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}" onChange={(e) => setName(e.target.value)} />
        </label>
      )}
      <TextField label="Comment" value={comment} onChange={setComment} />
      <p className="muted">Criteria with the same key match any of them; criteria of different keys must all match. An address group has only address criteria.</p>
      <RowsEditor
        title="Criteria" noun="criterion"
        rows={criteria}
        onChange={setCriteria}
        newRow={() => ({ key: 'container', op: '=', value: '' })}
        fields={[
          { key: 'key', label: 'Key', options: KEYS },
          { key: 'op', label: 'Operator', options: (c) => (c.key === 'address' ? ['='] : OPS) },
          { key: 'value', label: 'Value', placeholder: 'nginx*, app=web, 10.0.0.0/8' },
        ]}
      />
    </FormDialog>
  );
}
