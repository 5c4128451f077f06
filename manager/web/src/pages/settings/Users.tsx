import { useState } from 'react';
import { Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { useApi, useSession } from '../../session';
import { useListWithRoles } from './useListWithRoles';
import type { PageProps } from '../routes';
import { Confirm } from '../../components/Confirm';
import { MyProfile } from './MyProfile';
import type { User } from './types';
import { ResetPasswordDialog, UserDialog } from './UserDialog';
import './settings.css';

type Dialog = { kind: 'add' } | { kind: 'edit' | 'reset' | 'delete'; user: User };

function status(u: User) {
  if (u.blocked_for_failed_login) return <span className="badge status-blocked">Blocked</span>;
  if (u.blocked_for_password_expired) return <span className="badge status-blocked">Password expired</span>;
  return <span className="badge muted">Active</span>;
}

const columns: Column<User>[] = [
  { key: 'fullname', title: 'Name', sortable: true, filter: {} },
  { key: 'email', title: 'Email', sortable: true, filter: {} },
  { key: 'role', title: 'Role', sortable: true, filter: { op: 'eq' }, render: (u) => u.role || <span className="muted">none</span> },
  {
    key: 'role_domains',
    title: 'Namespace roles',
    render: (u) => Object.entries(u.role_domains ?? {}).map(([r, ns]) => `${r}: ${ns.join(', ')}`).join('; ') || <span className="muted">–</span>,
  },
  { key: 'last_login_timestamp', title: 'Last login', sortable: true, render: (u) => <Time value={u.last_login_timestamp} /> },
  { key: 'login_count', title: 'Logins', sortable: true, className: 'num' },
  { key: 'blocked_for_failed_login', title: 'Status', render: status },
];

export default function Users(_: PageProps) {
  const api = useApi();
  const canWrite = useSession().canWrite('authorization');
  const [dialog, setDialog] = useState<Dialog>();
  const [reloadKey, setReloadKey] = useState(0);
  const { roles, fetchPage } = useListWithRoles<User>('/v1/user', 'users');

  const closed = (changed: boolean) => {
    setDialog(undefined);
    if (changed) setReloadKey((k) => k + 1);
  };

  return (
    <>
      <MyProfile />
      <DataTable
        label="Users"
        columns={columns}
        fetchPage={fetchPage}
        rowKey={(u) => u.fullname}
        initialSort={{ field: 'fullname', dir: 'asc' }}
        reloadKey={reloadKey}
        onRowActivate={(user) => setDialog({ kind: 'edit', user })}
        empty="No users match."
        toolbar={
          canWrite ? (
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'add' })}>
              Add user
            </button>
          ) : (
            <span className="muted">Your role may view users, not change them.</span>
          )
        }
      />
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <UserDialog
          user={dialog.kind === 'edit' ? dialog.user : undefined}
          readOnly={!canWrite}
          roles={roles.global}
          domainRoles={roles.domain}
          onClose={closed}
          onReset={(user) => setDialog({ kind: 'reset', user })}
          onDelete={(user) => setDialog({ kind: 'delete', user })}
        />
      )}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onClose={() => closed(true)} />}
      {dialog?.kind === 'delete' && (
        <Confirm
          title={`Delete user ${dialog.user.fullname}`}
          message={`Delete the user ${dialog.user.fullname}? Their sessions end at once.`}
          confirmLabel="Delete user"
          onConfirm={() => api.delete(`/v1/user/${encodeURIComponent(dialog.user.fullname)}`)}
          onClose={closed}
        />
      )}
    </>
  );
}
