import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status, type Sent } from '../../test/fakeController';
import { fill, renderPage } from './testing';
import Users from './Users';
import type { User } from './types';

const user = (fullname: string, extra: Partial<User> = {}): User => ({
  fullname,
  username: fullname,
  email: `${fullname}@example.com`,
  role: 'reader',
  timeout: 300,
  locale: 'en',
  role_domains: {},
  last_login_timestamp: 0,
  last_login_at: '',
  login_count: 0,
  blocked_for_failed_login: false,
  blocked_for_password_expired: false,
  password_resettable: true,
  ...extra,
});

function controller(extra: Record<string, (s: Sent) => unknown> = {}) {
  return fakeController({
    'GET /v1/selfuser': () => ({ user: user('admin', { role: 'admin', login_count: 3 }) }),
    'GET /v1/user': () => ({
      users: [user('admin', { role: 'admin' }), user('alice', { role: '', role_domains: { admin: ['team-a'] } }), user('bob', { blocked_for_failed_login: true })],
      global_roles: ['admin', 'reader', 'ciops', 'auditor'],
      domain_roles: ['admin', 'reader', 'auditor'],
    }),
    ...extra,
  });
}

const lastOf = (sent: Sent[], method: string, path: string) => sent.filter((s) => s.method === method && s.path === path).at(-1);

test('lists the users through the list query, sorted and filtered by the controller', async () => {
  const sent = controller();
  renderPage(Users);
  await screen.findByText('alice');
  expect(screen.getByText('admin: team-a')).toBeInTheDocument();
  expect(screen.getByText('Blocked')).toBeInTheDocument();
  const first = lastOf(sent, 'GET', '/v1/user')!;
  expect(first.query.get('start')).toBe('0');
  expect(first.query.get('limit')).toBe('26');
  expect(first.query.get('s_fullname')).toBe('asc');

  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Email' }), { target: { value: 'example' } });
  await waitFor(() => expect(lastOf(sent, 'GET', '/v1/user')?.query.get('f_email')).toBe('in,example'));
  fireEvent.click(screen.getByRole('button', { name: /Logins/ }));
  await waitFor(() => expect(lastOf(sent, 'GET', '/v1/user')?.query.get('s_login_count')).toBe('asc'));
});

test('adds a user with a role, a namespace role and a password, and shows a refusal', async () => {
  let refuse = true;
  const sent = controller({
    'POST /v1/user': () => {
      if (refuse) throw new Status(400, 'Password must have at least 8 characters');
      return {};
    },
  });
  renderPage(Users);
  fireEvent.click(await screen.findByRole('button', { name: 'Add user' }));
  const dialog = screen.getByRole('dialog', { name: 'Add user' });
  fill('User name', 'carol', dialog);
  fill('Email', 'carol@example.com', dialog);
  fill('Password', 'short', dialog);
  fill('Password again', 'short', dialog);
  fireEvent.change(within(dialog).getByLabelText('Role'), { target: { value: '' } });
  fill('Session timeout (seconds)', '600', dialog);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add namespace role' }));
  fireEvent.change(within(dialog).getByLabelText('Namespace role 1'), { target: { value: 'auditor' } });
  fill('Namespaces for role 1', 'team-a, team-b', dialog);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add user' }));
  expect(await within(dialog).findByRole('alert')).toHaveTextContent('Password must have at least 8 characters');

  refuse = false;
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add user' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(lastOf(sent, 'POST', '/v1/user')?.body).toEqual({
    user: {
      fullname: 'carol',
      password: 'short',
      email: 'carol@example.com',
      role: '',
      timeout: 600,
      locale: 'en',
      role_domains: { auditor: ['team-a', 'team-b'] },
    },
  });
  // the list is fetched again after the change
  await waitFor(() => expect(sent.filter((s) => s.path === '/v1/user' && s.method === 'GET').length).toBeGreaterThan(1));
});

test('two different passwords are refused before anything is sent', async () => {
  const sent = controller();
  renderPage(Users);
  fireEvent.click(await screen.findByRole('button', { name: 'Add user' }));
  const dialog = screen.getByRole('dialog');
  fill('User name', 'dave', dialog);
  fill('Password', 'One-password1', dialog);
  fill('Password again', 'Another-one1', dialog);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add user' }));
  expect(await within(dialog).findByText('The two passwords differ.')).toBeInTheDocument();
  expect(sent.some((s) => s.method === 'POST')).toBe(false);
});

test('edits a user, unlocks a blocked one, resets a password and deletes', async () => {
  const sent = controller({
    'PATCH /v1/user/{name}': () => ({}),
    'POST /v1/user/{name}/password': () => ({}),
    'DELETE /v1/user/{name}': () => ({}),
  });
  renderPage(Users);
  fireEvent.click(await screen.findByText('bob'));
  let dialog = screen.getByRole('dialog', { name: 'User bob' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Unlock' }));
  await within(dialog).findByText('Not blocked.');
  expect(lastOf(sent, 'POST', '/v1/user/bob/password')?.body).toEqual({ config: { fullname: 'bob', clear_failed_login: true } });

  fill('Email', 'bob@corp.example', dialog);
  fireEvent.change(within(dialog).getByLabelText('Language'), { target: { value: 'zh_cn' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(lastOf(sent, 'PATCH', '/v1/user/bob')?.body).toEqual({
    config: { fullname: 'bob', email: 'bob@corp.example', role: 'reader', timeout: 300, locale: 'zh_cn', role_domains: {} },
  });

  fireEvent.click(screen.getByText('bob'));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Reset password…' }));
  dialog = screen.getByRole('dialog', { name: 'Reset the password of bob' });
  fill('New password', 'N3w-secret!', dialog);
  fill('New password again', 'N3w-secret!', dialog);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));
  await within(dialog).findByText(/password of bob is reset/);
  expect(lastOf(sent, 'POST', '/v1/user/bob/password')?.body).toEqual({
    config: { fullname: 'bob', new_password: 'N3w-secret!', reset_password_in_next_login: true },
  });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));

  fireEvent.click(screen.getByText('bob'));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete user…' }));
  fireEvent.click(within(screen.getByRole('dialog', { name: 'Delete user bob' })).getByRole('button', { name: 'Delete user' }));
  await waitFor(() => expect(lastOf(sent, 'DELETE', '/v1/user/bob')).toBeDefined());
});

test('changes the own password with the current one', async () => {
  const sent = controller({
    'PATCH /v1/user/{name}': (s) => {
      const c = (s.body as { config: Record<string, string> }).config;
      if (c.password !== 'old-Secret1') throw new Status(400, 'The current password is needed to set a new one');
      return {};
    },
  });
  renderPage(Users);
  fireEvent.click(await screen.findByRole('button', { name: 'Change my password…' }));
  const form = screen.getByRole('dialog', { name: 'Change my password' });
  fill('Current password', 'wrong', form);
  fill('New password', 'New-Secret2', form);
  fill('New password again', 'New-Secret2', form);
  fireEvent.click(within(form).getByRole('button', { name: 'Change my password' }));
  expect(await within(form).findByRole('alert')).toHaveTextContent('The current password is needed');
  fill('Current password', 'old-Secret1', form);
  fireEvent.click(within(form).getByRole('button', { name: 'Change my password' }));
  await waitFor(() =>
    expect(lastOf(sent, 'PATCH', '/v1/user/admin')?.body).toEqual({ config: { fullname: 'admin', password: 'old-Secret1', new_password: 'New-Secret2' } }),
  );
});

test('a role that may not change users sees them read-only', async () => {
  controller();
  renderPage(Users, 'reader');
  fireEvent.click(await screen.findByText('alice'));
  const dialog = screen.getByRole('dialog', { name: 'User alice' });
  expect(screen.queryByRole('button', { name: 'Add user' })).toBeNull();
  expect(within(dialog).queryByRole('button', { name: 'Save' })).toBeNull();
  expect(within(dialog).queryByRole('button', { name: 'Delete user…' })).toBeNull();
  expect(within(dialog).getByLabelText('Email')).toBeDisabled();
});

test('shows why the list could not be loaded', async () => {
  fakeController({
    'GET /v1/selfuser': () => ({ user: user('admin') }),
    'GET /v1/user': () => {
      throw new Status(403, 'Access denied');
    },
  });
  renderPage(Users);
  expect(await screen.findByText(/Access denied/)).toBeInTheDocument();
});
