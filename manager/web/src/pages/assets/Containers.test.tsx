import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import { last, renderPage } from '../risks/renderPage';
import Containers from './Containers';
import type { Workload } from './workload';


function workload(i: number, extra: Partial<Workload> = {}): Workload {
  return {
    id: `c${i}`,
    name: `k8s_web-${i}`,
    display_name: `web-${i}`,
    image: 'nginx:1.27',
    image_id: 'sha256:abc',
    domain: i % 2 ? 'prod' : 'dev',
    state: 'monitor',
    service_group: 'nv.web.prod',
    policy_mode: 'Monitor',
    profile_mode: 'Monitor',
    host_name: 'node-1',
    host_id: 'h1',
    running: true,
    scan_summary: { status: 'finished', critical: 2, high: 3, medium: 4 },
    ...extra,
  };
}

test('lists containers through the list query: paging, sort and filters go to the controller', async () => {
  const sent = fakeController({ 'GET /v1/workload': (s) => ({ workloads: Array.from({ length: Number(s.query.get('limit')) }, (_, i) => workload(i)) }) });
  renderPage(Containers, '/assets/containers');
  await screen.findByText('web-0');
  const first = last(sent, 'GET', '/v1/workload')!;
  expect(first.query.get('start')).toBe('0');
  expect(first.query.get('limit')).toBe('26');
  expect(first.query.get('s_display_name')).toBe('asc');
  expect(screen.getAllByLabelText('2 critical, 3 high, 4 medium').length).toBeGreaterThan(0);

  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  await waitFor(() => expect(last(sent, 'GET', '/v1/workload')!.query.get('start')).toBe('25'));

  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Namespace' }), { target: { value: 'prod' } });
  fireEvent.change(screen.getByRole('combobox', { name: 'Filter State' }), { target: { value: 'quarantined' } });
  await waitFor(() => {
    const q = last(sent, 'GET', '/v1/workload')!.query;
    expect(q.get('f_domain')).toBe('in,prod');
    expect(q.get('f_state')).toBe('eq,quarantined');
    expect(q.get('start')).toBe('0');
  });
});

test('a row opens the container by its id', async () => {
  fakeController({ 'GET /v1/workload': () => ({ workloads: [workload(7)] }) });
  renderPage(Containers, '/assets/containers');
  fireEvent.click(await screen.findByText('web-7'));
  expect(window.location.hash).toBe('#/assets/containers?id=c7');
});

test('?id= shows the container, its group mode, processes and history, its scan; writes go to the controller', async () => {
  const sent = fakeController({
    'GET /v1/workload': () => ({ workloads: [] }),
    'GET /v1/workload/c1': () => ({ workload: workload(1) }),
    'GET /v1/workload/c1/process': () => ({ processes: [{ name: 'nginx', pid: 1, parent: 0, cmdline: 'nginx -g daemon off;', root: true, user: 'root', status: 'running', start_timestamp: 1700000000, action: 'allow' }] }),
    'GET /v1/workload/c1/process_history': () => ({ processes: [{ name: 'sh', pid: 40, parent: 1, cmdline: 'sh -c id', root: true, user: 'root', status: 'exited', start_timestamp: 1700000100, action: 'allow' }] }),
    'GET /v1/scan/workload/c1': () => ({ report: { vulnerabilities: [{ name: 'CVE-2024-1', severity: 'High', score: 7, score_v3: 7.5, package_name: 'openssl', package_version: '3.0.1', fixed_version: '3.0.9', description: 'A flaw.' }], modules: [{ name: 'openssl', version: '3.0.1', source: 'apk' }] } }),
    'POST /v1/scan/workload/c1': () => ({}),
    'PATCH /v1/workload/c1': () => ({}),
  });
  renderPage(Containers, '/assets/containers', 'id=c1');
  const detail = await screen.findByRole('region', { name: 'Container details' });
  await within(detail).findByRole('heading', { name: 'Container web-1' });
  expect(detail).toHaveFocus();
  expect(within(detail).getByRole('link', { name: 'nv.web.prod' })).toHaveAttribute('href', '#/policy/groups?name=nv.web.prod');
  expect(within(detail).getAllByText('Monitor').length).toBe(2);

  fireEvent.click(within(detail).getByRole('tab', { name: 'Processes' }));
  await screen.findByText('nginx -g daemon off;');
  fireEvent.click(screen.getByRole('checkbox', { name: /history/ }));
  await screen.findByText('sh -c id');

  fireEvent.click(within(detail).getByRole('tab', { name: 'Vulnerabilities' }));
  await screen.findByText('CVE-2024-1');
  expect(last(sent, 'GET', '/v1/scan/workload/c1')!.query.get('show')).toBe('accepted');
  fireEvent.click(screen.getByRole('button', { name: 'Scan now' }));
  await screen.findByText(/scan of this container is queued/);

  fireEvent.click(within(detail).getByRole('button', { name: 'Quarantine' }));
  await waitFor(() => expect(last(sent, 'PATCH', '/v1/workload/c1')?.body).toEqual({ config: { quarantine: true } }));

  fireEvent.click(within(detail).getByRole('tab', { name: 'Compliance' }));
  expect(screen.getByText(/CIS benchmark checks of containers are not collected/)).toBeInTheDocument();
});

test('a reader sees no writes; the controller\'s errors are shown', async () => {
  fakeController({
    'GET /v1/workload': () => {
      throw new Status(500, 'store unavailable');
    },
    'GET /v1/workload/c1': () => ({ workload: workload(1) }),
    'GET /v1/workload/c1/process': () => {
      throw new Status(400, 'The container is not running');
    },
  });
  renderPage(Containers, '/assets/containers', 'id=c1', 'reader');
  await screen.findByText(/store unavailable/);
  const detail = await screen.findByRole('region', { name: 'Container details' });
  await within(detail).findByRole('heading', { name: 'Container web-1' });
  expect(within(detail).queryByRole('button', { name: 'Quarantine' })).toBeNull();
  fireEvent.click(within(detail).getByRole('tab', { name: 'Processes' }));
  await screen.findByText(/The container is not running/);
  fireEvent.click(within(detail).getByRole('tab', { name: 'Vulnerabilities' }));
  expect(screen.queryByRole('button', { name: 'Scan now' })).toBeNull();
});
