import { useState } from 'react';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { useApi, useSession } from '../../session';
import type { PageProps } from '../routes';
import { FormError } from '../../components/FormError';
import { CheckField, NumberField, TextField } from '../../components/Fields';
import type { PasswordProfile as Profile } from './types';
import { useWrite } from '../../components/useWrite';
import './settings.css';

const PATH = '/v1/password_profile/default';

/** The profile as the PATCH takes it: enable_password_history comes out as 0 or 1 and goes in as a boolean. */
function configOf(p: Profile) {
  return { ...p, name: 'default', enable_password_history: Boolean(p.enable_password_history) };
}

export default function PasswordProfile(_: PageProps) {
  const api = useApi();
  const profile = useAsync(() => api.get<{ pwd_profile: Profile }>(PATH).then((d) => d.pwd_profile), [api]);
  return <AsyncView value={profile}>{(p) => <ProfileForm saved={p} onSaved={profile.reload} />}</AsyncView>;
}

function ProfileForm({ saved, onSaved }: { saved: Profile; onSaved: () => void }) {
  const api = useApi();
  const canWrite = useSession().canWrite('authentication');
  const action = useWrite();
  const [p, setP] = useState(saved);
  const [done, setDone] = useState(false);
  const set = <K extends keyof Profile>(key: K) => (value: Profile[K]) => {
    setDone(false);
    setP((old) => ({ ...old, [key]: value }));
  };
  const save = async () => {
    const ok = await action.run(() => api.patch(PATH, { config: configOf(p) }));
    setDone(ok);
    if (ok) onSaved();
  };
  const history = Boolean(p.enable_password_history);

  return (
    <form
      className="settings-sections"
      aria-label="Password profile"
      // the controller checks every value and says what it allows
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="panel form" disabled={!canWrite}>
        <legend>Complexity</legend>
        <NumberField label="Minimum length" value={p.min_len} onChange={set('min_len')} min={1} max={64} />
        <div className="form-row">
          <NumberField label="Upper case letters" value={p.min_uppercase_count} onChange={set('min_uppercase_count')} min={0} />
          <NumberField label="Lower case letters" value={p.min_lowercase_count} onChange={set('min_lowercase_count')} min={0} />
          <NumberField label="Digits" value={p.min_digit_count} onChange={set('min_digit_count')} min={0} />
          <NumberField label="Special characters" value={p.min_special_count} onChange={set('min_special_count')} min={0} />
        </div>
        <TextField label="Comment" value={p.comment} onChange={set('comment')} />
      </fieldset>
      <fieldset className="panel form" disabled={!canWrite}>
        <legend>Expiry and history</legend>
        <CheckField label="Passwords expire" checked={p.enable_password_expiration} onChange={set('enable_password_expiration')} />
        <NumberField
          label="Expire after days"
          value={p.password_expire_after_days}
          onChange={set('password_expire_after_days')}
          min={0}
          disabled={!p.enable_password_expiration}
        />
        <CheckField label="Keep a password history" checked={history} onChange={set('enable_password_history')} />
        <NumberField
          label="Passwords remembered"
          value={p.password_keep_history_count}
          onChange={set('password_keep_history_count')}
          min={0}
          max={32}
          disabled={!history}
          hint="A new password may not be one of these; up to 32."
        />
      </fieldset>
      <fieldset className="panel form" disabled={!canWrite}>
        <legend>Failed logins and sessions</legend>
        <CheckField label="Block after failed logins" checked={p.enable_block_after_failed_login} onChange={set('enable_block_after_failed_login')} />
        <div className="form-row">
          <NumberField
            label="Failed logins before blocking"
            value={p.block_after_failed_login_count}
            onChange={set('block_after_failed_login_count')}
            min={0}
            disabled={!p.enable_block_after_failed_login}
          />
          <NumberField label="Block for minutes" value={p.block_minutes} onChange={set('block_minutes')} min={0} disabled={!p.enable_block_after_failed_login} />
        </div>
        <NumberField
          label="Session timeout (seconds)"
          value={p.session_timeout}
          onChange={set('session_timeout')}
          min={30}
          max={3600}
          hint="For users without their own timeout; 30 to 3600."
        />
      </fieldset>
      {canWrite && (
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy}>
            Save password profile
          </button>
          <button type="button" disabled={action.busy} onClick={() => setP(saved)}>
            Undo changes
          </button>
          {done && (
            <span role="status" className="settings-ok">
              Saved.
            </span>
          )}
          <FormError message={action.error} />
        </div>
      )}
    </form>
  );
}
