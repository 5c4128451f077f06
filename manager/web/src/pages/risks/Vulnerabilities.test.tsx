import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status, type Sent } from '../../test/fakeController';
import { last, renderPage } from './renderPage';
import Vulnerabilities from './Vulnerabilities';
import type { AssetVulnerability } from './vulQuery';


function vuln(i: number): AssetVulnerability {
  return {
    name: `CVE-2024-${1000 + i}`,
    severity: i % 2 ? 'High' : 'Critical',
    description: `Flaw number ${i}.`,
    packages: { openssl: [{ package_version: '3.0.1', fixed_version: i % 2 ? '' : '3.0.9' }] },
    link: `https://nvd.nist.gov/vuln/detail/CVE-2024-${1000 + i}`,
    score: 7,
    score_v3: 9 - i / 10,
    published_timestamp: 1700000000,
    last_modified_timestamp: 1700000000,
    workloads: [{ id: 'c1', domain: 'prod', display_name: 'web-1', policy_mode: 'Monitor', service: 'web', image: 'nginx' }],
    nodes: [],
    images: [{ id: 'i1', display_name: 'library/nginx:1.27', digest: 'sha256:x' }],
  };
}

const stats = (token: string) => ({
  total_records: 40,
  total_matched_records: 30,
  query_id: token,
  summary: { count_distribution: { critical: 15, high: 15, medium: 0, low: 0, container: 30, node: 0, image: 30 }, top_images: [{ id: 'i1', display_name: 'library/nginx:1.27', critical: 15, high: 15, medium: 0, low: 0 }], top_nodes: [] },
  status: 'ready',
});

function controller(extra: Record<string, (s: Sent) => unknown> = {}) {
  let tokens = 0;
  return fakeController({
    'POST /v1/vulasset': () => stats(`q${++tokens}`),
    'GET /v1/vulasset': (s) => {
      const start = Number(s.query.get('start'));
      const row = Number(s.query.get('row'));
      return { vulnerabilities: Array.from({ length: 30 }, (_, i) => vuln(i)).slice(start, start + row), qf_matched_records: 0 };
    },
    'GET /v1/vulnerability/profile/default': () => ({ profile: { name: 'default', entries: [{ id: 1000, name: 'CVE-2023-1', comment: 'not reachable', days: 0, domains: ['prod'], images: [], expire_timestamp: 0, expired: false }] } }),
    ...extra,
  });
}

test('the filters open a query on the controller, which pages, sorts and quick-filters it', async () => {
  const sent = controller();
  renderPage(Vulnerabilities, '/risks/vulnerabilities');
  await screen.findByText('CVE-2024-1000');
  expect(last(sent, 'POST', '/v1/vulasset')!.body).toEqual({ severityType: 'all', packageType: 'all', viewType: 'all', scoreType: 'v3' });
  const page = last(sent, 'GET', '/v1/vulasset')!.query;
  expect(Object.fromEntries(page)).toEqual({ token: 'q1', start: '0', row: '26', orderbyColumn: 'score_v3', orderby: 'desc' });
  expect(screen.getByLabelText('Matched vulnerabilities')).toHaveTextContent('30 / 40matched');
  expect(screen.getByLabelText('Most affected images')).toHaveTextContent('library/nginx:1.27 15/15/0');
  expect(screen.queryByLabelText('Most affected nodes')).toBeNull();

  fireEvent.click(within(screen.getByRole('navigation', { name: 'Vulnerabilities pages' })).getByRole('button', { name: 'Next' }));
  await waitFor(() => expect(last(sent, 'GET', '/v1/vulasset')!.query.get('start')).toBe('25'));
  fireEvent.click(screen.getByRole('button', { name: /Published/ }));
  await waitFor(() => expect(last(sent, 'GET', '/v1/vulasset')!.query.get('orderbyColumn')).toBe('published_timestamp'));
  const table = screen.getByRole('table', { name: 'Vulnerabilities' });
  fireEvent.change(within(table).getByRole('searchbox', { name: 'Filter Vulnerability' }), { target: { value: '1007' } });
  await waitFor(() => expect(last(sent, 'GET', '/v1/vulasset')!.query.get('qf')).toBe('1007'));

  const form = screen.getByRole('form', { name: 'Vulnerability filters' });
  fireEvent.change(within(form).getByLabelText('Severity'), { target: { value: 'critical' } });
  fireEvent.change(within(form).getByLabelText('Score v3 from'), { target: { value: '7' } });
  fireEvent.change(within(form).getByLabelText('Fix'), { target: { value: 'withoutFix' } });
  fireEvent.change(within(form).getByLabelText('Found in'), { target: { value: 'containers' } });
  fireEvent.change(within(form).getByLabelText(/Namespaces/), { target: { value: 'prod, dev' } });
  fireEvent.change(within(form).getByLabelText('Container'), { target: { value: 'web' } });
  fireEvent.change(within(form).getByLabelText('Node'), { target: { value: 'node-1' } });
  fireEvent.change(within(form).getByLabelText('Image'), { target: { value: 'nginx' } });
  fireEvent.click(within(form).getByRole('button', { name: 'Apply filters' }));
  await waitFor(() => expect(last(sent, 'GET', '/v1/vulasset')!.query.get('token')).toBe('q2'));
  expect(last(sent, 'POST', '/v1/vulasset')!.body).toEqual({
    severityType: 'critical',
    packageType: 'withoutFix',
    viewType: 'containers',
    scoreType: 'v3',
    scoreV3: [7, 10],
    matchTypeNs: 'contains',
    selectedDomains: ['prod', 'dev'],
    containerName: 'web',
    matchTypeContainer: 'contains',
    nodeName: 'node-1',
    matchTypeNode: 'contains',
    imageName: 'nginx',
    matchTypeImage: 'contains',
  });
});

test('a vulnerability opens with the keyboard, taking the focus, with its description, link, packages and assets, and can be accepted for days', async () => {
  const sent = controller({ 'POST /v1/vulnerability/profile/default/entry': (s) => ({ config: { ...(s.body as { config: object }).config, id: 1001 } }) });
  renderPage(Vulnerabilities, '/risks/vulnerabilities');
  const row = (await screen.findByText('CVE-2024-1000')).closest('tr')!;
  row.focus();
  fireEvent.keyDown(row, { key: 'Enter' });
  const detail = await screen.findByRole('region', { name: 'Vulnerability CVE-2024-1000' });
  await waitFor(() => expect(detail).toHaveFocus());
  expect(within(detail).getByText('Flaw number 0.')).toBeInTheDocument();
  expect(within(detail).getByRole('link', { name: /nvd\.nist\.gov/ })).toHaveAttribute('href', 'https://nvd.nist.gov/vuln/detail/CVE-2024-1000');
  expect(within(detail).getByText('openssl: 3.0.1 (fixed in 3.0.9)')).toBeInTheDocument();
  expect(within(detail).getByRole('link', { name: 'web-1' })).toHaveAttribute('href', '#/assets/containers?id=c1');
  expect(within(detail).getByRole('link', { name: 'library/nginx:1.27' })).toHaveAttribute('href', '#/risks/report?id=i1');

  fireEvent.click(within(detail).getByRole('button', { name: 'Accept…' }));
  const form = await screen.findByRole('form', { name: 'Acceptance' });
  expect(within(form).getByLabelText(/Vulnerability/)).toHaveValue('CVE-2024-1000');
  fireEvent.change(within(form).getByLabelText(/For how many days/), { target: { value: '30' } });
  fireEvent.change(within(form).getByLabelText(/Only for images/), { target: { value: 'library/nginx:*' } });
  fireEvent.change(within(form).getByLabelText('Comment'), { target: { value: 'mitigated' } });
  const before = Math.floor(Date.now() / 1000);
  fireEvent.click(within(form).getByRole('button', { name: 'Accept' }));
  await waitFor(() => expect(last(sent, 'POST', '/v1/vulnerability/profile/default/entry')).toBeDefined());
  const config = (last(sent, 'POST', '/v1/vulnerability/profile/default/entry')!.body as { config: Record<string, unknown> }).config;
  expect(config).toMatchObject({ name: 'CVE-2024-1000', comment: 'mitigated', days: 0, domains: [], images: ['library/nginx:*'] });
  expect(config.expire_timestamp).toBeGreaterThanOrEqual(before + 30 * 86400);
  expect(config.expire_timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 30 * 86400);
  // accepted ones leave the list: the query is opened again
  await waitFor(() => expect(sent.filter((s) => s.method === 'POST' && s.path === '/v1/vulasset')).toHaveLength(2));
});

test('the acceptance profile lists its entries and removes one; a reader cannot', async () => {
  const sent = controller({ 'DELETE /v1/vulnerability/profile/default/entry/1000': () => ({}) });
  const { unmount } = renderPage(Vulnerabilities, '/risks/vulnerabilities');
  const accepted = await screen.findByRole('table', { name: 'Accepted vulnerabilities' });
  await within(accepted).findByText('CVE-2023-1');
  expect(within(accepted).getByText('not reachable')).toBeInTheDocument();
  fireEvent.click(within(accepted).getByRole('button', { name: 'Remove the acceptance of CVE-2023-1' }));
  await waitFor(() => expect(last(sent, 'DELETE', '/v1/vulnerability/profile/default/entry/1000')).toBeDefined());
  unmount();

  renderPage(Vulnerabilities, '/risks/vulnerabilities', '', 'reader');
  const readOnly = await screen.findByRole('table', { name: 'Accepted vulnerabilities' });
  await within(readOnly).findByText('CVE-2023-1');
  expect(screen.queryByRole('button', { name: /Remove the acceptance/ })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Accept a vulnerability' })).toBeNull();
});

test('a query session that ended is opened again; one that fails at once is not', async () => {
  const sent = controller();
  const answer = globalThis.fetch;
  // the fake controller answers every error with code 1: this is NeuVector's 53, a query id unknown or expired
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
    const url = new URL(input, 'https://console.test/');
    const token = url.searchParams.get('token');
    if (url.pathname === '/v1/vulasset' && ((token === 'q1' && url.searchParams.get('start') === '25') || token === 'q3')) {
      sent.push({ method: 'GET', path: url.pathname, query: url.searchParams, headers: new Headers(init?.headers), body: undefined });
      return Promise.resolve(new Response(JSON.stringify({ code: 53, message: 'get session error: the query id is unknown or expired' }), { status: 500 }));
    }
    return answer(input, init);
  });
  renderPage(Vulnerabilities, '/risks/vulnerabilities');
  await screen.findByText('CVE-2024-1000');
  fireEvent.click(within(screen.getByRole('navigation', { name: 'Vulnerabilities pages' })).getByRole('button', { name: 'Next' }));
  await screen.findByText('CVE-2024-1025');
  expect(last(sent, 'GET', '/v1/vulasset')!.query.get('token')).toBe('q2');

  fireEvent.click(within(screen.getByRole('form', { name: 'Vulnerability filters' })).getByRole('button', { name: 'Apply filters' }));
  await screen.findByText(/query id is unknown or expired/);
  expect(sent.filter((s) => s.method === 'POST' && s.path === '/v1/vulasset')).toHaveLength(3);
});

test('a refused query shows the controller\'s message', async () => {
  fakeController({
    'POST /v1/vulasset': () => {
      throw new Status(403, 'Access denied');
    },
    'GET /v1/vulnerability/profile/default': () => ({ profile: { name: 'default', entries: [] } }),
  });
  renderPage(Vulnerabilities, '/risks/vulnerabilities');
  await screen.findByText(/Access denied/);
  await screen.findByText('No vulnerability is accepted.');
});
