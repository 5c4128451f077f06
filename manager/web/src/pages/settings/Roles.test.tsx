import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, listAnswer, Status, type Sent } from '../../test/fakeController';
import Roles from './Roles';
import { fill, renderPage } from './testing';
import type { Role } from './types';

const ids = ['config', 'authorization', 'rt_policy', 'events'];
const roles: Role[] = [
  { name: 'admin', comment: 'Administrator', reserved: true, permissions: ids.map((id) => ({ id, read: true, write: true })) },
  { name: 'reader', comment: 'Read-only user', reserved: true, permissions: ids.map((id) => ({ id, read: true, write: false })) },
  { name: 'auditor', comment: 'Reads events', reserved: false, permissions: [{ id: 'events', read: true, write: false }] },
];

function controller(extra: Record<string, (s: Sent) => unknown> = {}) {
  return fakeController({
    'GET /v1/user_role': (s) => ({ roles: listAnswer(roles, s) }),
    'GET /v1/user_role_permission/options': () => ({
      options: { global_options: ids.map((id) => ({ id, read_supported: true, write_supported: true })), domain_options: [] },
    }),
    ...extra,
  });
}

test('lists the roles, reserved and custom, and the controller filters them', async () => {
  const sent = controller();
  renderPage(Roles);
  expect(await screen.findByText('auditor')).toBeInTheDocument();
  expect(screen.getAllByText('Reserved')).toHaveLength(2);
  expect(screen.getByText('Events (read)')).toBeInTheDocument();
  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Name' }), { target: { value: 'aud' } });
  await waitFor(() => expect(screen.queryByText('reader')).toBeNull());
  expect(screen.getByText('auditor')).toBeInTheDocument();
  const asked = sent.filter((s) => s.path === '/v1/user_role').at(-1)!;
  expect(asked.query.get('f_name')).toBe('in,aud');
  expect(asked.query.get('start')).toBe('0');
});

test('adds a custom role from the permission grid: write implies read', async () => {
  const sent = controller({ 'POST /v1/user_role': () => ({}) });
  renderPage(Roles);
  fireEvent.click(await screen.findByRole('button', { name: 'Add role' }));
  const dialog = screen.getByRole('dialog', { name: 'Add role' });
  fill('Role name', 'operator', dialog);
  fill('Comment', 'Runs the policy', dialog);
  fireEvent.click(await within(dialog).findByLabelText('Runtime policy write'));
  expect(within(dialog).getByLabelText('Runtime policy read')).toBeChecked();
  expect(within(dialog).getByLabelText('Runtime policy read')).toBeDisabled();
  fireEvent.click(within(dialog).getByLabelText('Events read'));
  fireEvent.click(within(dialog).getByLabelText('Cluster configuration read'));
  fireEvent.click(within(dialog).getByLabelText('Cluster configuration read'));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add role' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(sent.find((s) => s.method === 'POST')?.body).toEqual({
    config: {
      name: 'operator',
      comment: 'Runs the policy',
      permissions: [
        { id: 'rt_policy', read: true, write: true },
        { id: 'events', read: true, write: false },
      ],
    },
  });
});

test('a reserved role is shown read-only', async () => {
  controller();
  renderPage(Roles);
  fireEvent.click(await screen.findByText('reader'));
  const dialog = screen.getByRole('dialog', { name: 'Role reader' });
  expect(await within(dialog).findByLabelText('Events read')).toBeDisabled();
  expect(within(dialog).getByLabelText('Events write')).not.toBeChecked();
  expect(within(dialog).queryByRole('button', { name: 'Save' })).toBeNull();
  expect(within(dialog).queryByRole('button', { name: 'Delete role…' })).toBeNull();
});

test('edits a custom role, and shows why one in use cannot be deleted', async () => {
  const sent = controller({
    'PATCH /v1/user_role/{name}': () => ({}),
    'DELETE /v1/user_role/{name}': () => {
      throw new Status(409, 'The role is given to users or API keys');
    },
  });
  renderPage(Roles);
  fireEvent.click(await screen.findByText('auditor'));
  let dialog = screen.getByRole('dialog', { name: 'Role auditor' });
  fireEvent.click(await within(dialog).findByLabelText('Events write'));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(sent.find((s) => s.method === 'PATCH')).toMatchObject({
    path: '/v1/user_role/auditor',
    body: { config: { name: 'auditor', comment: 'Reads events', permissions: [{ id: 'events', read: true, write: true }] } },
  });

  fireEvent.click(screen.getByText('auditor'));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete role…' }));
  dialog = screen.getByRole('dialog', { name: 'Delete role auditor' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Delete role' }));
  expect(await within(dialog).findByRole('alert')).toHaveTextContent('The role is given to users or API keys');
});
