import { fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import { last, renderPage } from '../risks/renderPage';
import SystemComponents from './SystemComponents';

const zero = { cpu: 0, memory: 0, session_in: 0, session_out: 0, byte_in: 0, byte_out: 0 };
const enforcer = { id: 'e1', name: 'enforcer-node-1', display_name: 'enforcer-node-1', host_name: 'node-1', host_id: 'h1', version: '0.1.0', cluster_ip: '10.0.0.5', connection_state: 'connected', joined_at: '2026-12-05T10:00:00Z', disconnected_at: '', started_at: '' };

test('enforcers come through the list query; one shows its figures, and says they are not measured', async () => {
  const sent = fakeController({
    'GET /v1/enforcer': () => ({ enforcers: [enforcer] }),
    'GET /v1/enforcer/e1/stats': () => ({ id: 'e1', read_at: '2026-12-05T10:00:00Z', stats: { interval: 5, total: zero, span_1: zero, span_12: zero, span_60: zero } }),
  });
  renderPage(SystemComponents, '/assets/system', 'tab=enforcers&id=e1');
  await screen.findByText('enforcer-node-1');
  expect(screen.getByRole('cell', { name: 'connected' })).toBeInTheDocument();
  await screen.findByText(/Not measured/);
  fireEvent.change(screen.getByRole('combobox', { name: 'Filter Connection' }), { target: { value: 'disconnected' } });
  await waitFor(() => expect(last(sent, 'GET', '/v1/enforcer')!.query.get('f_connection_state')).toBe('eq,disconnected'));
  fireEvent.click(screen.getByRole('tab', { name: 'Controllers' }));
  expect(window.location.hash).toBe('#/assets/system?tab=controllers');
});

test('scanners come through the list query; the queue is shown; one shows its cache', async () => {
  const sent = fakeController({
    'GET /v1/scan/cache_stat/s1': () => ({ record_count: 3, record_total_size: 3 * 1024 ** 2, cache_hits: 7, cache_misses: 2 }),
    'GET /v1/scan/scanner': () => ({ scanners: [{ id: 's1', server: '10.0.0.9', port: 18402, cvedb_version: '2026-12-01', joined_timestamp: 1764000000, scanned_containers: 0, scanned_hosts: 0, scanned_images: 12 }] }),
    'GET /v1/scan/status': () => ({ status: { scanned: 12, scheduled: 1, scanning: 2, failed: 0, cvedb_version: '2026-12-01' } }),
  });
  renderPage(SystemComponents, '/assets/system', 'tab=scanners');
  await screen.findByText('10.0.0.9:18402');
  expect(last(sent, 'GET', '/v1/scan/scanner')!.query.get('limit')).toBe('26');
  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Scanner' }), { target: { value: 's1' } });
  await waitFor(() => expect(last(sent, 'GET', '/v1/scan/scanner')!.query.get('f_id')).toBe('in,s1'));
  const queue = await screen.findByLabelText('Scan queue');
  expect(queue).toHaveTextContent('12Scanned');
  expect(queue).toHaveTextContent('2Scanning');
  fireEvent.click(screen.getByText('10.0.0.9:18402'));
  expect(window.location.hash).toBe('#/assets/system?tab=scanners&id=s1');
});

test('?id= on the scanners tab shows that scanner\'s cache, or why it cannot', async () => {
  fakeController({
    'GET /v1/scan/scanner': () => ({ scanners: [] }),
    'GET /v1/scan/status': () => ({ status: { scanned: 0, scheduled: 0, scanning: 0, failed: 0, cvedb_version: '' } }),
    'GET /v1/scan/cache_stat/s1': () => ({ record_count: 3, record_total_size: 3 * 1024 ** 2, cache_hits: 7, cache_misses: 2 }),
    'GET /v1/scan/cache_stat/gone': () => {
      throw new Status(404, 'scanner gone not found');
    },
  });
  const { unmount } = renderPage(SystemComponents, '/assets/system', 'tab=scanners&id=s1');
  const cache = await screen.findByRole('region', { name: 'Scanner s1 cache' });
  await screen.findByText('7 hits, 2 misses');
  expect(cache).toHaveTextContent('3.0 MiB');
  unmount();
  renderPage(SystemComponents, '/assets/system', 'tab=scanners&id=gone');
  await screen.findByText(/scanner gone not found/);
});
