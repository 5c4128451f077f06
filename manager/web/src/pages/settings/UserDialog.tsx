import { useState } from 'react';
import { useApi } from '../../session';
import { Modal } from '../../components/Modal';
import { FormDialog } from '../../components/FormDialog';
import { FormError } from '../../components/FormError';
import { CheckField, NumberField, SelectField, TextField } from '../../components/Fields';
import { domainsOf, RoleDomainsEditor, roleOptions, rowsOf } from './RoleDomains';
import type { User } from './types';
import { useWrite } from '../../components/useWrite';

const LOCALES = [
  { value: 'en', title: 'English' },
  { value: 'zh_cn', title: '中文' },
] as const;

const path = (name: string) => `/v1/user/${encodeURIComponent(name)}`;

/** Adds a user (user is undefined) or edits one; for an existing user, also unlock, reset password and delete. */
export function UserDialog({ user, readOnly, roles, domainRoles, onClose, onReset, onDelete }: {
  user?: User;
  /** The caller may not change users: the settings are shown, not editable. */
  readOnly: boolean;
  roles: string[];
  domainRoles: string[];
  onClose: (changed: boolean) => void;
  onReset: (user: User) => void;
  onDelete: (user: User) => void;
}) {
  const api = useApi();
  const action = useWrite();
  const [name, setName] = useState(user?.fullname ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState(user?.role ?? 'reader');
  const [timeout, setSessionTimeout] = useState(user?.timeout ?? 0);
  const [locale, setLocale] = useState(user?.locale || 'en');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [domains, setDomains] = useState(rowsOf(user?.role_domains));
  const [blocked, setBlocked] = useState(user?.blocked_for_failed_login ?? false);
  const [local, setLocal] = useState<string>();

  const save = async () => {
    setLocal(undefined);
    const settings = { email, role, timeout, locale, role_domains: domainsOf(domains) };
    if (!user) {
      if (password !== again) return setLocal('The two passwords differ.');
      const ok = await action.run(() => api.post('/v1/user', { user: { fullname: name.trim(), password, ...settings } }));
      if (ok) onClose(true);
      return;
    }
    if (await action.run(() => api.patch(path(user.fullname), { config: { fullname: user.fullname, ...settings } }))) onClose(true);
  };

  const unlock = async () => {
    if (!user) return;
    const ok = await action.run(() => api.post(`${path(user.fullname)}/password`, { config: { fullname: user.fullname, clear_failed_login: true } }));
    if (ok) setBlocked(false);
  };

  return (
    <FormDialog
      title={user ? `User ${user.fullname}` : 'Add user'}
      write={action}
      localError={local}
      onSubmit={() => void save()}
      onClose={() => onClose(false)}
      readOnly={readOnly}
      noValidate
      saveLabel={user ? 'Save' : 'Add user'}
    >
      <fieldset className="plain" disabled={readOnly}>
        {!user && <TextField label="User name" value={name} onChange={setName} required autoComplete="off" />}
        <TextField label="Email" type="email" value={email} onChange={setEmail} />
        {!user && (
          <div className="form-row">
            <TextField label="Password" type="password" value={password} onChange={setPassword} required autoComplete="new-password" />
            <TextField label="Password again" type="password" value={again} onChange={setAgain} required autoComplete="new-password" />
          </div>
        )}
        <div className="form-row">
          <SelectField label="Role" value={role} options={roleOptions(roles)} onChange={setRole} disabled={user?.fullname === 'admin'} />
          <NumberField label="Session timeout (seconds)" value={timeout} onChange={setSessionTimeout} min={0} max={3600} hint="30 to 3600; 0 takes the password profile's" />
          <SelectField label="Language" value={locale} options={LOCALES} onChange={setLocale} />
        </div>
        <RoleDomainsEditor rows={domains} roles={domainRoles} onChange={setDomains} />
      </fieldset>
      {user && !readOnly && (
        <section aria-label="Account actions" className="actions">
          {blocked ? (
            <>
              <span className="status-blocked">Blocked after failed logins.</span>
              <button type="button" disabled={action.busy} onClick={() => void unlock()}>
                Unlock
              </button>
            </>
          ) : (
            <span className="muted">Not blocked.</span>
          )}
          {user.password_resettable && (
            <button type="button" onClick={() => onReset(user)}>
              Reset password…
            </button>
          )}
          <button type="button" className="danger" onClick={() => onDelete(user)}>
            Delete user…
          </button>
        </section>
      )}
    </FormDialog>
  );
}

/** An administrator sets a user's password, optionally forcing a change at the next login. */
export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const api = useApi();
  const action = useWrite();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [force, setForce] = useState(true);
  const [local, setLocal] = useState<string>();
  const [done, setDone] = useState(false);
  const submit = async () => {
    setLocal(undefined);
    if (password !== again) return setLocal('The two passwords differ.');
    const ok = await action.run(() =>
      api.post(`${path(user.fullname)}/password`, { config: { fullname: user.fullname, new_password: password, reset_password_in_next_login: force } }),
    );
    setDone(ok);
  };
  return (
    <Modal
      title={`Reset the password of ${user.fullname}`}
      onClose={onClose}
      footer={
        done ? (
          <button type="button" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" form="reset-form" className="primary" disabled={action.busy}>
              Reset password
            </button>
          </>
        )
      }
    >
      {done ? (
        <p className="settings-ok" role="status">
          The password of {user.fullname} is reset; their sessions have ended.
        </p>
      ) : (
        <form
          id="reset-form"
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <TextField label="New password" type="password" value={password} onChange={setPassword} required autoComplete="new-password" />
          <TextField label="New password again" type="password" value={again} onChange={setAgain} required autoComplete="new-password" />
          <CheckField label="Must change it at the next login" checked={force} onChange={setForce} />
          <FormError message={local ?? action.error} />
        </form>
      )}
    </Modal>
  );
}
