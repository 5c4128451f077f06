import { useCallback, useState } from 'react';
import { fetchPage as fetchListPage, type PageRequest } from '../../api/listQuery';
import { DataTable, type Column } from '../../components/DataTable';
import { FormDialog } from '../../components/FormDialog';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { useApi, useSession } from '../../session';
import type { PageProps } from '../routes';
import { Confirm } from '../../components/Confirm';
import { TextField } from '../../components/Fields';
import { PermissionGrid, permissionTitle } from './PermissionGrid';
import type { PermissionOption, Role } from './types';
import { useWrite } from '../../components/useWrite';
import './settings.css';

function summary(role: Role): string {
  if (role.permissions.length === 0) return '–';
  return role.permissions.map((p) => `${permissionTitle(p.id)} (${p.write ? 'write' : 'read'})`).join(', ');
}

const columns: Column<Role>[] = [
  { key: 'name', title: 'Name', sortable: true, filter: {} },
  { key: 'comment', title: 'Comment', sortable: true, filter: {} },
  { key: 'reserved', title: 'Kind', render: (r) => <span className="badge muted">{r.reserved ? 'Reserved' : 'Custom'}</span> },
  { key: 'permissions', title: 'Permissions', render: summary },
];

type Dialog = { kind: 'add' } | { kind: 'edit' | 'delete'; role: Role };

export default function Roles(_: PageProps) {
  const api = useApi();
  const canWrite = useSession().canWrite('authorization');
  const [dialog, setDialog] = useState<Dialog>();
  const [reloadKey, setReloadKey] = useState(0);
  const fetchPage = useCallback((page: PageRequest) => fetchListPage<Role>(api, '/v1/user_role', 'roles', page), [api]);
  const closed = (changed: boolean) => {
    setDialog(undefined);
    if (changed) setReloadKey((k) => k + 1);
  };
  return (
    <>
      <DataTable
        label="Roles"
        columns={columns}
        fetchPage={fetchPage}
        rowKey={(r) => r.name}
        reloadKey={reloadKey}
        onRowActivate={(role) => setDialog({ kind: 'edit', role })}
        toolbar={
          canWrite ? (
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'add' })}>
              Add role
            </button>
          ) : (
            <span className="muted">Your role may view roles, not change them.</span>
          )
        }
      />
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <RoleDialog
          role={dialog.kind === 'edit' ? dialog.role : undefined}
          readOnly={!canWrite || (dialog.kind === 'edit' && dialog.role.reserved)}
          onClose={closed}
          onDelete={(role) => setDialog({ kind: 'delete', role })}
        />
      )}
      {dialog?.kind === 'delete' && (
        <Confirm
          title={`Delete role ${dialog.role.name}`}
          message={`Delete the role ${dialog.role.name}? A role given to users or API keys cannot be deleted.`}
          confirmLabel="Delete role"
          onConfirm={() => api.delete(`/v1/user_role/${encodeURIComponent(dialog.role.name)}`)}
          onClose={closed}
        />
      )}
    </>
  );
}

/** A role and its permission grid: a reserved role, or one the caller may not change, is shown only. */
function RoleDialog({ role, readOnly, onClose, onDelete }: {
  role?: Role;
  readOnly: boolean;
  onClose: (changed: boolean) => void;
  onDelete: (role: Role) => void;
}) {
  const api = useApi();
  const action = useWrite();
  const options = useAsync(
    () => api.get<{ options: { global_options: PermissionOption[] } }>('/v1/user_role_permission/options').then((d) => d.options.global_options ?? []),
    [api],
  );
  const [name, setName] = useState(role?.name ?? '');
  const [comment, setComment] = useState(role?.comment ?? '');
  const [permissions, setPermissions] = useState(role?.permissions ?? []);

  const save = async () => {
    const config = { name: role?.name ?? name.trim(), comment, permissions };
    const ok = await action.run(() =>
      role ? api.patch(`/v1/user_role/${encodeURIComponent(role.name)}`, { config }) : api.post('/v1/user_role', { config }),
    );
    if (ok) onClose(true);
  };

  return (
    <FormDialog
      title={role ? `Role ${role.name}` : 'Add role'}
      write={action}
      onSubmit={() => void save()}
      onClose={() => onClose(false)}
      readOnly={readOnly}
      noValidate
      closeLabel={readOnly ? 'Close role' : 'Cancel'}
      saveLabel={role ? 'Save' : 'Add role'}
      footerStart={
        role &&
        !readOnly && (
          <button type="button" className="danger" onClick={() => onDelete(role)}>
            Delete role…
          </button>
        )
      }
    >
      {role?.reserved && <p className="notice">A reserved role is built in: it cannot be changed or deleted.</p>}
      <fieldset className="plain" disabled={readOnly}>
        {!role && <TextField label="Role name" value={name} onChange={setName} required autoComplete="off" />}
        <TextField label="Comment" value={comment} onChange={setComment} />
        <AsyncView value={options}>
          {(list) => <PermissionGrid options={list} permissions={permissions} onChange={setPermissions} disabled={readOnly} />}
        </AsyncView>
      </fieldset>
    </FormDialog>
  );
}
