import { useState, type FormEvent } from 'react';
import { Api, ApiError } from './api/client';
import type { LoginAnswer, Token } from './session';

type Step = { kind: 'credentials' } | { kind: 'change'; why: string } | { kind: 'eula'; text: string; token: Token };

interface Eula {
  eula: { accepted: boolean };
}

/**
 * Login: user name and password; a new password when the controller asks for one (first login with a password
 * set by someone else, or an expired one); then the EULA when the manager has one and it is not yet accepted.
 */
export function Login({ onLogin, notice }: { onLogin: (token: Token) => void; notice?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const finish = async (answer: LoginAnswer, eulaText: Promise<string>) => {
    const token = answer.token;
    const api = new Api(token.token);
    const text = await eulaText;
    if (text.trim()) {
      const eula = await api.get<Eula>('/v1/eula').catch(() => ({ eula: { accepted: false } }));
      if (!eula.eula.accepted) {
        setStep({ kind: 'eula', text, token });
        return;
      }
    }
    onLogin(token);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (step.kind === 'change' && newPassword !== confirm) {
      setError('The two new passwords differ.');
      return;
    }
    setBusy(true);
    setError(undefined);
    // asked for beside the login, not after it: the dashboard should not wait for a file that is usually absent
    const eulaText = fetch('eula.txt').then((r) => (r.ok ? r.text() : ''), () => '');
    try {
      const body: Record<string, string> = { username, password };
      if (step.kind === 'change') body.new_password = newPassword;
      const answer = await new Api().post<LoginAnswer>('/v1/auth', { password: body });
      if (step.kind === 'credentials' && (answer.need_to_reset_password || answer.token.default_password)) {
        // the session from this login is not used: the next one, with the new password, is
        await new Api(answer.token.token).delete('/v1/auth').catch(() => undefined);
        setStep({ kind: 'change', why: answer.need_to_reset_password ? 'Your password has expired.' : 'This is your first login: choose your own password.' });
        return;
      }
      await finish(answer, eulaText);
    } catch (err) {
      const expired = err instanceof ApiError && err.status === 401 && /expired|reset/i.test(err.message);
      if (expired && step.kind === 'credentials') setStep({ kind: 'change', why: err.message });
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const accept = async (token: Token) => {
    setBusy(true);
    try {
      await new Api(token.token).post('/v1/eula', { eula: { accepted: true } });
      onLogin(token);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (step.kind === 'eula') {
    return (
      <main className="login">
        <section className="login-box wide" aria-labelledby="eula-title">
          <h1 id="eula-title">License agreement</h1>
          <pre className="eula">{step.text}</pre>
          {error && <p className="form-error" role="alert">{error}</p>}
          <button type="button" className="primary" disabled={busy} onClick={() => accept(step.token)}>
            I accept
          </button>
        </section>
      </main>
    );
  }

  return (
    <main className="login">
      <form className="login-box" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          <span className="logo" aria-hidden="true">◆</span> Bulwark
        </h1>
        {notice && <p className="notice" role="status">{notice}</p>}
        {step.kind === 'change' && <p className="notice" role="status">{step.why}</p>}
        <label>
          User name
          <input name="username" autoComplete="username" autoFocus required value={username} readOnly={step.kind === 'change'} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {step.kind === 'change' ? 'Current password' : 'Password'}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {step.kind === 'change' && (
          <>
            <label>
              New password
              <input name="new_password" type="password" autoComplete="new-password" required value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
            </label>
            <label>
              New password again
              <input name="confirm_password" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            </label>
          </>
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {step.kind === 'change' ? 'Change password and log in' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
