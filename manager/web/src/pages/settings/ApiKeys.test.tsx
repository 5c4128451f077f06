import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { vi } from 'vitest';
import { fakeController, listAnswer, Status, type Sent } from '../../test/fakeController';
import ApiKeys from './ApiKeys';
import { fill, renderPage } from './testing';
import type { ApiKey } from './types';

const key = (apikey_name: string, extra: Partial<ApiKey> = {}): ApiKey => ({
  apikey_name,
  description: `${apikey_name} automation`,
  role: 'reader',
  role_domains: {},
  expiration_type: 'never',
  expiration_hours: 0,
  expiration_timestamp: 0,
  created_timestamp: 1_760_000_000,
  created_by_entity: 'admin',
  ...extra,
});

function controller(extra: Record<string, (s: Sent) => unknown> = {}) {
  return fakeController({
    'GET /v1/api_key': (s) => ({
      apikeys: listAnswer([key('ci'), key('backup', { role: 'admin', expiration_type: 'oneday', expiration_timestamp: 1_760_086_400 })], s),
      global_roles: ['admin', 'reader', 'ciops'],
      domain_roles: ['admin', 'reader'],
    }),
    ...extra,
  });
}

test('lists the keys without their secrets, sorted by the controller', async () => {
  const sent = controller();
  renderPage(ApiKeys);
  expect(await screen.findByText('ci automation')).toBeInTheDocument();
  expect(screen.getByText('Never')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: /^Name/ }));
  await waitFor(() => {
    const rows = screen.getAllByRole('row').slice(2);
    expect(rows[0]).toHaveTextContent('backup');
  });
  expect(sent.filter((s) => s.path === '/v1/api_key').at(-1)!.query.get('s_apikey_name')).toBe('asc');
});

test('creates a key and shows its secret once, with a copy button and how to use it', async () => {
  const writeText = vi.fn(async () => undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  let refuse = true;
  const sent = controller({
    'POST /v1/api_key': () => {
      if (refuse) throw new Status(400, 'expiration_hours must be 1 to 87600');
      return { apikey: { apikey_name: 'deploy', apikey_secret: 'c0ffee' } };
    },
  });
  renderPage(ApiKeys);
  fireEvent.click(await screen.findByRole('button', { name: 'Add API key' }));
  const dialog = screen.getByRole('dialog', { name: 'Add API key' });
  fill('Key name', 'deploy', dialog);
  fill('Description', 'CD pipeline', dialog);
  fireEvent.change(within(dialog).getByLabelText('Expires'), { target: { value: 'hours' } });
  fill('Hours', '48', dialog);
  fireEvent.change(within(dialog).getByLabelText('Role'), { target: { value: '' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add namespace role' }));
  fill('Namespaces for role 1', 'prod', dialog);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add API key' }));
  expect(await within(dialog).findByRole('alert')).toHaveTextContent('expiration_hours must be 1 to 87600');

  refuse = false;
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add API key' }));
  const shown = await screen.findByRole('dialog', { name: 'API key deploy created' });
  expect(sent.find((s) => s.method === 'POST' && s.path === '/v1/api_key')?.body).toEqual({
    apikey: {
      apikey_name: 'deploy',
      description: 'CD pipeline',
      expiration_type: 'hours',
      expiration_hours: 48,
      role: '',
      role_domains: { admin: ['prod'] },
    },
  });
  expect(within(shown).getByLabelText('API key secret')).toHaveTextContent('deploy:c0ffee');
  expect(within(shown).getByText(/X-Auth-Apikey: deploy:c0ffee/)).toBeInTheDocument();
  fireEvent.click(within(shown).getByRole('button', { name: 'Copy secret' }));
  await within(shown).findByText('Copied to the clipboard.');
  expect(writeText).toHaveBeenCalledWith('deploy:c0ffee');

  fireEvent.click(within(shown).getByRole('button', { name: 'I have saved the secret' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(screen.queryByText(/c0ffee/)).toBeNull();
  await waitFor(() => expect(sent.filter((s) => s.method === 'GET').length).toBeGreaterThan(1));
});

test('deletes a key from its details', async () => {
  const sent = controller({ 'DELETE /v1/api_key/{name}': () => ({}) });
  renderPage(ApiKeys);
  fireEvent.click(await screen.findByText('ci automation'));
  fireEvent.click(within(screen.getByRole('dialog', { name: 'API key ci' })).getByRole('button', { name: 'Delete API key…' }));
  fireEvent.click(within(screen.getByRole('dialog', { name: 'Delete API key ci' })).getByRole('button', { name: 'Delete API key' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(sent.some((s) => s.method === 'DELETE' && s.path === '/v1/api_key/ci')).toBe(true);
});

test('a role that may not change keys cannot add or delete them', async () => {
  controller();
  renderPage(ApiKeys, 'reader');
  fireEvent.click(await screen.findByText('ci automation'));
  expect(screen.queryByRole('button', { name: 'Add API key' })).toBeNull();
  expect(within(screen.getByRole('dialog')).queryByRole('button', { name: 'Delete API key…' })).toBeNull();
});
