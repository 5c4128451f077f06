import { useState } from 'react';
import { useApi, useSession } from '../../session';
import { Time } from '../../components/Badges';
import { FormDialog } from '../../components/FormDialog';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { TextField } from '../../components/Fields';
import type { User } from './types';
import { useWrite } from '../../components/useWrite';

function namespaceRoles(user: User): string {
  const entries = Object.entries(user.role_domains ?? {});
  return entries.length ? entries.map(([role, ns]) => `${role} in ${ns.join(', ')}`).join('; ') : 'none';
}

/** The logged-in user's own account (GET /v1/selfuser), and the change of its own password. */
export function MyProfile() {
  const api = useApi();
  const self = useAsync(() => api.get<{ user: User }>('/v1/selfuser').then((d) => d.user), [api]);
  const [changing, setChanging] = useState(false);
  return (
    <section className="panel" aria-labelledby="my-profile">
      <h2 id="my-profile">My profile</h2>
      <AsyncView value={self}>
        {(user) => (
          <>
            <dl className="kv settings-profile">
              <dt>User name</dt>
              <dd>{user.fullname}</dd>
              <dt>Role</dt>
              <dd>{user.role || 'none'}</dd>
              <dt>Namespace roles</dt>
              <dd>{namespaceRoles(user)}</dd>
              <dt>Email</dt>
              <dd>{user.email || <span className="muted">–</span>}</dd>
              <dt>Last login</dt>
              <dd>
                <Time value={user.last_login_timestamp} />
              </dd>
              <dt>Logins</dt>
              <dd>{user.login_count}</dd>
            </dl>
            <div className="actions">
              <button type="button" onClick={() => setChanging(true)}>
                Change my password…
              </button>
            </div>
            {changing && <ChangeOwnPassword user={user} onClose={() => setChanging(false)} />}
          </>
        )}
      </AsyncView>
    </section>
  );
}

/** The own password, changed with the current one; the controller then ends the user's sessions, this one too. */
function ChangeOwnPassword({ user, onClose }: { user: User; onClose: () => void }) {
  const api = useApi();
  const { logout } = useSession();
  const action = useWrite();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [local, setLocal] = useState<string>();

  const change = async () => {
    setLocal(undefined);
    if (next !== again) return setLocal('The two new passwords differ.');
    const ok = await action.run(() =>
      api.patch(`/v1/user/${encodeURIComponent(user.fullname)}`, { config: { fullname: user.fullname, password: current, new_password: next } }),
    );
    if (ok) logout('Your password has changed; log in with the new one.');
  };

  return (
    <FormDialog title="Change my password" write={action} localError={local} onSubmit={() => void change()} onClose={onClose} saveLabel="Change my password" noValidate>
      <TextField label="Current password" type="password" value={current} onChange={setCurrent} required autoComplete="current-password" />
      <TextField label="New password" type="password" value={next} onChange={setNext} required autoComplete="new-password" />
      <TextField label="New password again" type="password" value={again} onChange={setAgain} required autoComplete="new-password" />
      <p className="muted">Changing it ends all your sessions: you log in again with the new one.</p>
    </FormDialog>
  );
}
