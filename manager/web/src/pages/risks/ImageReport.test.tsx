import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import { last, renderPage } from './renderPage';
import ImageReport from './ImageReport';
import type { Vulnerability } from './scanReport';

const vuln = (name: string, severity: string, extra: Partial<Vulnerability> = {}): Vulnerability => ({ name, severity, score: 5, score_v3: 6, package_name: 'zlib', package_version: '1.2', fixed_version: '1.3', ...extra });

const report = {
  vulnerabilities: [vuln('CVE-2024-1', 'High'), vuln('CVE-2024-2', 'Medium', { tags: ['accepted'] }), vuln('CVE-2024-3', 'Critical', { package_name: 'openssl' })],
  modules: [{ name: 'zlib', version: '1.2', source: 'apk' }],
  checks: [
    { catalog: 'image', type: 'image', level: 'WARN', test_number: 'I.4.1', description: 'Ensure a user for the container has been created', message: ['runs as root'] },
    { catalog: 'image', type: 'image', level: 'PASS', test_number: 'I.4.6', description: 'Ensure HEALTHCHECK instructions have been added' },
  ],
  secrets: [{ type: 'credential', evidence: 'AKIA****', path: '/app/.env', suggestion: 'remove it' }],
  setid_perms: [{ type: 'setuid', evidence: '-rwsr-xr-x', path: '/usr/bin/passwd' }],
};

const layers = [
  { digest: 'sha256:base0000000000000000', cmds: 'ADD rootfs.tar /', size: 5 * 1024 ** 2, vulnerabilities: [vuln('CVE-2024-1', 'High')] },
  { digest: 'sha256:app11111111111111111', cmds: 'RUN apk add openssl', size: 2048, vulnerabilities: [vuln('CVE-2024-3', 'Critical', { package_name: 'openssl' })] },
];

test('a registry image: totals, each layer with its command, size and vulnerabilities, and the other parts', async () => {
  const sent = fakeController({
    'GET /v1/scan/registry/hub/image/abc': () => ({ report }),
    'GET /v1/scan/registry/hub/layers/abc': () => ({ report: { layers } }),
    'GET /v1/scan/registry/hub/images': () => ({ images: [{ repository: 'library/app', tag: '2', image_id: 'abc', digest: 'sha256:ddd', size: 10 * 1024 ** 2, base_os: 'alpine:3.20', scanned_at: '2026-12-05T10:00:00Z', status: 'finished' }] }),
  });
  renderPage(ImageReport, '/risks/report', 'registry=hub&id=abc');
  await screen.findByRole('heading', { name: 'library/app:2' });
  expect(last(sent, 'GET', '/v1/scan/registry/hub/image/abc')!.query.get('show')).toBe('accepted');
  expect(last(sent, 'GET', '/v1/scan/registry/hub/layers/abc')!.query.get('show')).toBe('accepted');
  expect(last(sent, 'GET', '/v1/scan/registry/hub/images')!.query.get('f_image_id')).toBe('eq,abc');
  const totals = screen.getByLabelText('Totals');
  expect(totals).toHaveTextContent('1Critical');
  expect(totals).toHaveTextContent('1High');
  expect(totals).toHaveTextContent('0Medium');
  expect(totals).toHaveTextContent('1Accepted');
  expect(totals).toHaveTextContent('1Compliance warnings');

  const list = screen.getByRole('list', { name: 'Layers' });
  expect(within(list).getByText('RUN apk add openssl')).toBeInTheDocument();
  expect(within(list).getByText(/5\.0 MiB/)).toBeInTheDocument();
  fireEvent.click(within(list).getByRole('button', { name: 'Show vulnerabilities of layer 2' }));
  const layer2 = await screen.findByRole('table', { name: 'Vulnerabilities of layer 2' });
  expect(within(layer2).getByText('CVE-2024-3')).toBeInTheDocument();
  expect(within(layer2).queryByText('CVE-2024-1')).toBeNull();

  fireEvent.click(screen.getByRole('tab', { name: /^Vulnerabilities/ }));
  const all = await screen.findByRole('table', { name: 'Vulnerabilities' });
  expect(within(all).getAllByRole('row')).toHaveLength(2 + 3);
  fireEvent.click(within(all).getByText('CVE-2024-1'));
  expect(await screen.findByRole('region', { name: 'Vulnerability CVE-2024-1' })).toBeInTheDocument();

  fireEvent.click(screen.getByRole('tab', { name: /^Compliance/ }));
  await screen.findByText('I.4.1');
  fireEvent.change(screen.getByRole('combobox', { name: 'Filter Level' }), { target: { value: 'PASS' } });
  await screen.findByText('I.4.6');
  await waitFor(() => expect(screen.queryByText('I.4.1')).toBeNull());

  fireEvent.click(screen.getByRole('tab', { name: /^Secrets/ }));
  await screen.findByText('/app/.env');
  fireEvent.click(screen.getByRole('tab', { name: /^Setuid/ }));
  await screen.findByText('/usr/bin/passwd');
});

test('a container\'s image: its runtime scan, saying what it lacks; an unknown image shows the controller\'s error', async () => {
  fakeController({
    'GET /v1/workload/c1': () => ({ workload: { id: 'c1', name: 'web', display_name: 'web', image: 'nginx:1.27', image_id: 'sha256:1', policy_mode: 'Protect', scan_summary: { status: 'finished', critical: 0, high: 1, medium: 0 } } }),
    'GET /v1/scan/workload/c1': () => ({ report: { vulnerabilities: [vuln('CVE-2024-1', 'High')] } }),
    'GET /v1/scan/registry/hub/image/gone': () => {
      throw new Status(404, 'Image not found');
    },
    'GET /v1/scan/registry/hub/layers/gone': () => {
      throw new Status(404, 'Image not found');
    },
    'GET /v1/scan/registry/hub/images': () => ({ images: [] }),
  });
  const { unmount } = renderPage(ImageReport, '/risks/report', 'workload=c1');
  await screen.findByRole('heading', { name: 'nginx:1.27' });
  expect(screen.getByText(/no layers, compliance checks/)).toBeInTheDocument();
  expect(screen.queryByRole('tab', { name: /By layer/ })).toBeNull();
  await screen.findByText('CVE-2024-1');
  unmount();

  renderPage(ImageReport, '/risks/report', 'registry=hub&id=gone');
  await screen.findByText(/Image not found/);
});

test('an image named by its id only is found in the registries', async () => {
  const sent = fakeController({
    'GET /v1/scan/registry': () => ({ summarys: [{ name: 'quay' }, { name: 'hub' }] }),
    'GET /v1/scan/registry/quay/images': () => ({ images: [] }),
    'GET /v1/scan/registry/hub/images': (s) => ({
      images: [{ repository: 'library/app', tag: '2', image_id: 'abc', digest: 'sha256:ddd', size: 1, base_os: '', scanned_at: '', status: 'finished' }].filter((i) => s.query.get('f_image_id') === `eq,${i.image_id}`),
    }),
    'GET /v1/scan/registry/hub/image/abc': () => ({ report }),
    'GET /v1/scan/registry/hub/layers/abc': () => ({ report: { layers } }),
  });
  const { unmount } = renderPage(ImageReport, '/risks/report', 'id=abc');
  await screen.findByRole('heading', { name: 'library/app:2' });
  expect(last(sent, 'GET', '/v1/scan/registry/quay/images')!.query.get('f_image_id')).toBe('eq,abc');
  expect(screen.getByRole('link', { name: 'Registry hub' })).toHaveAttribute('href', '#/assets/registries?name=hub');
  unmount();

  renderPage(ImageReport, '/risks/report', 'id=nowhere');
  await screen.findByText('No registry has an image nowhere.');
});
