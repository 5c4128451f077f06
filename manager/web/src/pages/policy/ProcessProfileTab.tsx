import { useState, type FormEvent } from 'react';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { useApi, useSession } from '../../session';
import { ActionBadge, RowButton } from './bits';
import { LocalTable } from './LocalTable';
import { POLICY, type ProcessProfile, type ProcessRule } from './types';
import { useWrite } from '../../components/useWrite';
import { FormError } from '../../components/FormError';

/** A group's process rules: listed, added, switched between allow and deny, deleted. */
export function ProcessProfileTab({ group }: { group: string }) {
  const api = useApi();
  const canWrite = useSession().canWrite(POLICY);
  const write = useWrite();
  const path = `/v1/process_profile/${encodeURIComponent(group)}`;
  const profile = useAsync(() => api.get<{ process_profile: ProcessProfile }>(path).then((a) => a.process_profile), [api, path]);
  const [name, setName] = useState('');
  const [exe, setExe] = useState('');
  const [action, setAction] = useState('allow');

  const change = (body: object) => write.run(() => api.patch(path, { process_profile_config: { group, ...body } }), profile.reload);
  const add = (e: FormEvent) => {
    e.preventDefault();
    change({ process_change_list: [{ name: name.trim(), path: exe.trim(), action }] }).then((ok) => {
      if (!ok) return;
      setName('');
      setExe('');
    });
  };
  const label = (r: ProcessRule) => `${r.name} ${r.path}`.trim();

  return (
    <AsyncView value={profile}>
      {(p) => (
        <section aria-label="Process profile">
          <p>
            Baseline <strong>{p.baseline}</strong>, mode <strong>{p.mode || '–'}</strong>
          </p>
          <FormError message={write.error} />
          {canWrite && (
            <form className="form-row actions" onSubmit={add} aria-label="Add a process rule">
              <label>
                Process name
                <input required value={name} placeholder="nginx or *" onChange={(e) => setName(e.target.value)} />
              </label>
              <label>
                Path
                <input value={exe} placeholder="/usr/sbin/nginx" onChange={(e) => setExe(e.target.value)} />
              </label>
              <label>
                Action
                <select value={action} onChange={(e) => setAction(e.target.value)}>
                  <option>allow</option>
                  <option>deny</option>
                </select>
              </label>
              <button type="submit" className="primary" disabled={write.busy}>
                Add process rule
              </button>
            </form>
          )}
          <LocalTable
            label="Process rules"
            rows={p.process_list}
            rowKey={label}
            empty="No process rules."
            columns={[
              { key: 'name', title: 'Name', sortable: true, filter: {} },
              { key: 'path', title: 'Path', sortable: true, filter: {} },
              { key: 'user', title: 'User' },
              { key: 'action', title: 'Action', sortable: true, render: (r) => <ActionBadge action={r.action} /> },
              { key: 'cfg_type', title: 'Type', sortable: true },
              ...(canWrite
                ? [
                    {
                      key: 'change',
                      title: 'Change',
                      render: (r: ProcessRule) => (
                        <span className="actions">
                          <RowButton label={`${r.action === 'allow' ? 'Deny' : 'Allow'} ${label(r)}`} onClick={() => change({ process_change_list: [{ name: r.name, path: r.path, action: r.action === 'allow' ? 'deny' : 'allow' }] })}>
                            {r.action === 'allow' ? 'Deny' : 'Allow'}
                          </RowButton>
                          <RowButton danger label={`Delete process rule ${label(r)}`} onClick={() => change({ process_delete_list: [{ name: r.name, path: r.path }] })}>
                            Delete
                          </RowButton>
                        </span>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </section>
      )}
    </AsyncView>
  );
}
