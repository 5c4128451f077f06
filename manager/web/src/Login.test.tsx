import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Login } from './Login';
import { fakeController, Status } from './test/fakeController';
import type { Token } from './session';

const token = (extra: Partial<Token> = {}): Token => ({ token: 'jwt', username: 'admin', fullname: 'admin', role: 'admin', timeout: 300, ...extra });

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

test('logs in with a user name and password', async () => {
  const sent = fakeController({ 'POST /v1/auth': () => ({ token: token() }) });
  const logins: Token[] = [];
  render(<Login onLogin={(t) => logins.push(t)} />);
  fill('User name', 'admin');
  fill('Password', 'secret');
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() => expect(logins).toHaveLength(1));
  expect(sent.find((s) => s.method === 'POST')?.body).toEqual({ password: { username: 'admin', password: 'secret' } });
});

test('a first login must choose a new password, sent with the old one', async () => {
  const sent = fakeController({
    'POST /v1/auth': (s) => {
      const p = (s.body as { password: Record<string, string> }).password;
      return { token: token({ default_password: !p.new_password }) };
    },
    'DELETE /v1/auth': () => ({}),
  });
  const logins: Token[] = [];
  render(<Login onLogin={(t) => logins.push(t)} />);
  fill('User name', 'admin');
  fill('Password', 'initial');
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await screen.findByText(/first login/);
  expect(logins).toHaveLength(0);
  fill('New password', 'Str0ng-and-long');
  fill('New password again', 'different');
  fireEvent.click(screen.getByRole('button', { name: /Change password/ }));
  await screen.findByText('The two new passwords differ.');
  fill('New password again', 'Str0ng-and-long');
  fireEvent.click(screen.getByRole('button', { name: /Change password/ }));
  await waitFor(() => expect(logins).toHaveLength(1));
  expect(sent.filter((s) => s.method === 'POST').at(-1)?.body).toEqual({ password: { username: 'admin', password: 'initial', new_password: 'Str0ng-and-long' } });
});

test('a refused login says why and keeps what was typed', async () => {
  fakeController({
    'POST /v1/auth': () => {
      throw new Status(401, 'Authentication failed');
    },
  });
  render(<Login onLogin={() => undefined} />);
  fill('User name', 'admin');
  fill('Password', 'wrong');
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await screen.findByRole('alert');
  expect(screen.getByRole('alert')).toHaveTextContent('Authentication failed');
  expect(screen.getByLabelText('User name')).toHaveValue('admin');
});

test('the EULA the manager serves must be accepted once', async () => {
  const sent = fakeController({
    'POST /v1/auth': () => ({ token: token() }),
    'GET /eula.txt': () => 'unused',
    'GET /v1/eula': () => ({ eula: { accepted: false } }),
    'POST /v1/eula': () => ({}),
  });
  const real = globalThis.fetch;
  globalThis.fetch = (async (input: string, init?: RequestInit) =>
    String(input).endsWith('eula.txt') ? new Response('Terms of use: be kind.') : real(input, init)) as typeof fetch;
  const logins: Token[] = [];
  render(<Login onLogin={(t) => logins.push(t)} />);
  fill('User name', 'admin');
  fill('Password', 'secret');
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await screen.findByText('Terms of use: be kind.');
  fireEvent.click(screen.getByRole('button', { name: 'I accept' }));
  await waitFor(() => expect(logins).toHaveLength(1));
  expect(sent.at(-1)).toMatchObject({ method: 'POST', path: '/v1/eula', body: { eula: { accepted: true } } });
});
