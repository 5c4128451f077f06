import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import { last, renderPage } from '../risks/renderPage';
import Nodes from './Nodes';

const host = {
  id: 'h1',
  name: 'node-1',
  os: 'Debian 13',
  kernel: '6.12.0',
  platform: 'Docker',
  runtime: 'containerd',
  runtime_version: '2.1',
  cpus: 4,
  memory: 8 * 1024 ** 3,
  cgroup_version: 2,
  containers: 3,
  pods: 2,
  state: 'connected',
  policy_mode: 'Discover',
  profile_mode: 'Discover',
  scan_summary: { status: '', critical: 0, high: 0, medium: 0 },
  interfaces: { eth0: [{ ip: '10.0.0.5', ip_prefix: 24 }] },
};

test('lists nodes with the list query and opens one with its containers and its scan', async () => {
  const sent = fakeController({
    'GET /v1/host': () => ({ hosts: [host] }),
    'GET /v1/host/h1': () => ({ host }),
    'GET /v1/workload': () => ({ workloads: [{ id: 'c1', name: 'web', display_name: 'web', domain: 'prod', host_name: 'node-1', host_id: 'h1', image: 'nginx', state: 'discover', service_group: 'nv.web', policy_mode: 'Discover' }] }),
    'GET /v1/scan/host/h1': () => ({ report: { vulnerabilities: [{ name: 'CVE-2025-9', severity: 'Critical', score: 9, score_v3: 9.8, package_name: 'linux', package_version: '6.12.0', fixed_version: '' }] } }),
    'POST /v1/scan/host/h1': () => ({}),
  });
  renderPage(Nodes, '/assets/nodes', 'id=h1');
  await screen.findByRole('cell', { name: 'node-1' });
  expect(last(sent, 'GET', '/v1/host')!.query.get('s_name')).toBe('asc');
  const detail = screen.getByRole('region', { name: 'Node details' });
  await within(detail).findByText('eth0 10.0.0.5/24');
  expect(within(detail).getByText('8.0 GiB', { exact: false })).toBeInTheDocument();

  fireEvent.click(within(detail).getByRole('tab', { name: 'Containers' }));
  await within(detail).findByText('web');
  expect(last(sent, 'GET', '/v1/workload')!.query.get('f_host_id')).toBe('eq,h1');

  fireEvent.click(within(detail).getByRole('tab', { name: 'Vulnerabilities' }));
  await within(detail).findByText('CVE-2025-9');
  fireEvent.click(within(detail).getByRole('button', { name: 'Scan now' }));
  await waitFor(() => expect(last(sent, 'POST', '/v1/scan/host/h1')).toBeDefined());
});

test('shows the controller\'s error for an unknown node', async () => {
  fakeController({
    'GET /v1/host': () => ({ hosts: [] }),
    'GET /v1/host/gone': () => {
      throw new Status(404, 'Host not found');
    },
  });
  renderPage(Nodes, '/assets/nodes', 'id=gone');
  await screen.findByText(/Host not found/);
  await screen.findByText(/No node yet/);
});
