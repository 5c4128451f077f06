import { useState } from 'react';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { useApi, useSession } from '../../session';
import { Confirm } from '../../components/Confirm';
import { FormDialog } from '../../components/FormDialog';
import { RowButton, Tags } from './bits';
import { LocalTable } from './LocalTable';
import { splitList } from './lists';
import { POLICY, type FileFilter } from './types';
import { useWrite } from '../../components/useWrite';

/** A group's file rules: the predefined ones and its own, which are added, changed and deleted. */
export function FileProfileTab({ group }: { group: string }) {
  const api = useApi();
  const canWrite = useSession().canWrite(POLICY);
  const path = `/v1/file_monitor/${encodeURIComponent(group)}`;
  const profile = useAsync(() => api.get<{ profile: { filters: FileFilter[] } }>(path).then((a) => a.profile.filters), [api, path]);
  const [editing, setEditing] = useState<FileFilter | 'new'>();
  const [deleting, setDeleting] = useState<FileFilter>();
  const own = (f: FileFilter) => f.cfg_type !== 'system_defined';

  return (
    <AsyncView value={profile}>
      {(filters) => (
        <section aria-label="File profile">
          <LocalTable
            label="File rules"
            rows={filters}
            rowKey={(f) => f.filter}
            empty="No file rules."
            toolbar={
              canWrite && (
                <button type="button" className="primary" onClick={() => setEditing('new')}>
                  Add file rule
                </button>
              )
            }
            columns={[
              { key: 'filter', title: 'Filter', sortable: true, filter: {} },
              { key: 'recursive', title: 'Recursive', render: (f) => (f.recursive ? 'yes' : 'no') },
              { key: 'behavior', title: 'Behavior', sortable: true, filter: { options: ['monitor_change', 'block_access'] }, render: (f) => (f.behavior === 'block_access' ? 'block' : 'monitor') },
              { key: 'applications', title: 'Allowed applications', render: (f) => <Tags items={f.applications} /> },
              { key: 'cfg_type', title: 'Type', sortable: true },
              ...(canWrite
                ? [
                    {
                      key: 'change',
                      title: 'Change',
                      render: (f: FileFilter) =>
                        own(f) && (
                          <span className="actions">
                            <RowButton label={`Edit file rule ${f.filter}`} onClick={() => setEditing(f)}>
                              Edit
                            </RowButton>
                            <RowButton danger label={`Delete file rule ${f.filter}`} onClick={() => setDeleting(f)}>
                              Delete
                            </RowButton>
                          </span>
                        ),
                    },
                  ]
                : []),
            ]}
          />
          {editing && (
            <FileRuleForm
              path={path}
              filter={editing === 'new' ? undefined : editing}
              onClose={(saved) => {
                setEditing(undefined);
                if (saved) profile.reload();
              }}
            />
          )}
          {deleting && (
            <Confirm
              title="Delete a file rule"
              message={`Delete the file rule ${deleting.filter}?`}
              onConfirm={() => api.patch(path, { config: { delete_filters: [{ filter: deleting.filter }] } })}
              onClose={(done) => {
                setDeleting(undefined);
                if (done) profile.reload();
              }}
            />
          )}
        </section>
      )}
    </AsyncView>
  );
}

function FileRuleForm({ path, filter, onClose }: { path: string; filter?: FileFilter; onClose: (saved: boolean) => void }) {
  const api = useApi();
  const write = useWrite();
  const [text, setText] = useState(filter?.filter ?? '');
  const [recursive, setRecursive] = useState(filter?.recursive ?? false);
  const [behavior, setBehavior] = useState(filter?.behavior ?? 'monitor_change');
  const [apps, setApps] = useState((filter?.applications ?? []).join(', '));
  const submit = () => {
    const config = { filter: text.trim(), recursive, behavior, applications: splitList(apps) };
    write.run(() => api.patch(path, { config: filter ? { update_filters: [config] } : { add_filters: [config] } }), () => onClose(true));
  };
  return (
    <FormDialog title={filter ? `Edit file rule ${filter.filter}` : 'Add a file rule'} write={write} onSubmit={submit} onClose={() => onClose(false)}>
      <label>
        Filter
        <input required readOnly={filter !== undefined} value={text} placeholder="/etc/nginx/*" onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="form-row">
        <label className="inline">
          <input type="checkbox" checked={recursive} onChange={(e) => setRecursive(e.target.checked)} />
          Recursive
        </label>
        <label>
          Behavior
          <select value={behavior} onChange={(e) => setBehavior(e.target.value)}>
            <option value="monitor_change">Monitor file changes</option>
            <option value="block_access">Block access</option>
          </select>
        </label>
      </div>
      <label>
        Allowed applications
        <input value={apps} placeholder="nginx, /usr/bin/vi" onChange={(e) => setApps(e.target.value)} />
      </label>
    </FormDialog>
  );
}
