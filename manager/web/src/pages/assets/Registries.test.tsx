import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, listAnswer, Status } from '../../test/fakeController';
import { last, renderPage } from '../risks/renderPage';
import type { Registry } from './registry';
import Registries from './Registries';

function registry(name: string, extra: Partial<Registry> = {}): Registry {
  return {
    name,
    registry_type: 'Docker Registry',
    registry: `https://${name}.example/`,
    username: 'ci',
    auth_with_token: false,
    domains: [],
    filters: ['library/*:latest'],
    rescan_after_db_update: true,
    scan_layers: true,
    repo_limit: 0,
    tag_limit: 0,
    schedule: { schedule: 'manual', interval: 0 },
    ignore_proxy: false,
    status: 'idle',
    error_message: '',
    started_at: '',
    scanned: 2,
    scheduled: 0,
    scanning: 0,
    failed: 0,
    ...extra,
  };
}

const types = { list: { registry_type: ['Amazon ECR Registry', 'Docker Registry', 'Google Container Registry'] } };

test('the registries are paged, sorted and filtered by the controller', async () => {
  const all = Array.from({ length: 30 }, (_, i) => registry(`reg-${String(i).padStart(2, '0')}`));
  const sent = fakeController({ 'GET /v1/scan/registry': (s) => ({ summarys: listAnswer(all, s) }) });
  renderPage(Registries, '/assets/registries');
  await screen.findByText('reg-00');
  expect(screen.queryByText('reg-25')).toBeNull();
  expect(last(sent, 'GET', '/v1/scan/registry')!.query.get('s_name')).toBe('asc');
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByText('reg-25');
  expect(last(sent, 'GET', '/v1/scan/registry')!.query.get('start')).toBe('25');
  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Name' }), { target: { value: 'reg-1' } });
  await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2 + 10));
  expect(last(sent, 'GET', '/v1/scan/registry')!.query.get('f_name')).toBe('in,reg-1');
});

test('adds a registry with its filters, namespaces and schedule', async () => {
  const sent = fakeController({
    'GET /v1/scan/registry': () => ({ summarys: [] }),
    'GET /v1/list/registry_type': () => types,
    'POST /v1/scan/registry': () => ({}),
  });
  renderPage(Registries, '/assets/registries');
  fireEvent.click(await screen.findByRole('button', { name: 'Add a registry' }));
  const form = await screen.findByRole('form', { name: 'Registry settings' });
  await within(form).findByRole('combobox', { name: 'Type' });
  const fill = (label: RegExp, value: string) => fireEvent.change(within(form).getByLabelText(label), { target: { value } });
  fill(/^Name$/, 'hub');
  fill(/Registry URL/, 'https://registry-1.docker.io/');
  fill(/User name/, 'bot');
  fill(/^Password/, 's3cret');
  fill(/Filters/, 'library/nginx:*\nlibrary/redis:7');
  fill(/Namespaces/, 'prod, dev');
  fill(/Schedule/, 'periodical');
  fill(/Every/, '12');
  fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
  await waitFor(() => expect(last(sent, 'POST', '/v1/scan/registry')).toBeDefined());
  expect(last(sent, 'POST', '/v1/scan/registry')!.body).toEqual({
    config: {
      name: 'hub',
      registry_type: 'Docker Registry',
      registry: 'https://registry-1.docker.io/',
      username: 'bot',
      password: 's3cret',
      filters: ['library/nginx:*', 'library/redis:7'],
      domains: ['prod', 'dev'],
      rescan_after_db_update: true,
      scan_layers: true,
      ignore_proxy: false,
      repo_limit: 0,
      tag_limit: 0,
      schedule: { schedule: 'periodical', interval: 43200 },
    },
  });
  await waitFor(() => expect(window.location.hash).toBe('#/assets/registries?name=hub'));
});

test('a registry: start its scan, its images through the list query, an image opens its report; edit keeps the password', async () => {
  const sent = fakeController({
    'GET /v1/scan/registry': () => ({ summarys: [registry('hub')] }),
    'GET /v1/scan/registry/hub': () => ({ summary: registry('hub') }),
    'GET /v1/scan/registry/hub/images': () => ({ images: [{ domain: '', repository: 'library/nginx', tag: '1.27', image_id: 'abc123', digest: 'sha256:d', size: 1, status: 'finished', result: 'succeeded', critical: 1, high: 2, medium: 3, scanned_at: '2026-12-05T10:00:00Z', base_os: 'debian:12' }] }),
    'POST /v1/scan/registry/hub/scan': () => ({}),
    'GET /v1/list/registry_type': () => types,
    'PATCH /v1/scan/registry/hub': () => ({}),
  });
  renderPage(Registries, '/assets/registries', 'name=hub');
  const detail = await screen.findByRole('region', { name: 'Registry details' });
  await within(detail).findByText('library/nginx');
  const images = last(sent, 'GET', '/v1/scan/registry/hub/images')!.query;
  expect(images.get('s_repository')).toBe('asc');
  expect(images.get('limit')).toBe('26');
  expect(within(detail).getByRole('link', { name: 'library/nginx' })).toHaveAttribute('href', '#/risks/report?registry=hub&id=abc123');

  fireEvent.click(within(detail).getByRole('checkbox', { name: /tags left the registry/ }));
  await waitFor(() => expect(last(sent, 'GET', '/v1/scan/registry/hub/images')!.query.get('history')).toBe('true'));

  fireEvent.click(within(detail).getByRole('button', { name: 'Start scan' }));
  await waitFor(() => expect(last(sent, 'POST', '/v1/scan/registry/hub/scan')).toBeDefined());

  fireEvent.click(within(detail).getByRole('button', { name: 'Edit' }));
  const form = await screen.findByRole('form', { name: 'Registry settings' });
  expect(within(form).getByLabelText(/^Name$/)).toBeDisabled();
  fireEvent.change(within(form).getByLabelText(/Tag limit/), { target: { value: '5' } });
  fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(last(sent, 'PATCH', '/v1/scan/registry/hub')).toBeDefined());
  const config = (last(sent, 'PATCH', '/v1/scan/registry/hub')!.body as { config: Record<string, unknown> }).config;
  expect(config.tag_limit).toBe(5);
  expect(config).not.toHaveProperty('password');
});

test('delete asks first; the controller\'s refusal is shown; a reader has no writes', async () => {
  const sent = fakeController({
    'GET /v1/scan/registry': () => ({ summarys: [registry('hub')] }),
    'GET /v1/scan/registry/hub': () => ({ summary: registry('hub', { status: 'scanning', scanning: 1 }) }),
    'GET /v1/scan/registry/hub/images': () => ({ images: [] }),
    'DELETE /v1/scan/registry/hub': () => {
      throw new Status(409, 'The registry is scanning');
    },
  });
  const { unmount } = renderPage(Registries, '/assets/registries', 'name=hub');
  const detail = await screen.findByRole('region', { name: 'Registry details' });
  await within(detail).findByRole('button', { name: 'Stop scan' });
  fireEvent.click(within(detail).getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('dialog', { name: 'Delete registry hub?' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
  await screen.findByText('The registry is scanning');
  expect(last(sent, 'DELETE', '/v1/scan/registry/hub')).toBeDefined();
  unmount();

  renderPage(Registries, '/assets/registries', 'name=hub', 'reader');
  const readOnly = await screen.findByRole('region', { name: 'Registry details' });
  await within(readOnly).findByRole('heading', { name: 'Registry hub' });
  expect(within(readOnly).queryByRole('button', { name: /scan|Edit|Delete/ })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Add a registry' })).toBeNull();
});
