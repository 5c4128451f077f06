import { fireEvent, screen, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import { last, renderPage } from '../risks/renderPage';
import Registries from './Registries';

/** POST /v1/scan/repository as the controller long-polls it: 304 while the scan runs, then the report. */
function repositoryScan(polls: number, answer: () => unknown) {
  const sent = fakeController({ 'GET /v1/scan/registry': () => ({ summarys: [] }), 'POST /v1/scan/repository': answer });
  const controller = globalThis.fetch;
  let asked = 0;
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
    if (input === '/v1/scan/repository' && asked++ < polls) {
      sent.push({ method: 'POST', path: input, query: new URLSearchParams(), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
      return Promise.resolve(new Response(null, { status: 304 }));
    }
    return controller(input, init);
  });
  return sent;
}

async function scan(repository: string) {
  renderPage(Registries, '/assets/registries');
  fireEvent.click(await screen.findByRole('button', { name: 'Scan an image' }));
  const form = await screen.findByRole('form', { name: 'Image to scan' });
  fireEvent.change(within(form).getByLabelText('Repository'), { target: { value: repository } });
  fireEvent.change(within(form).getByLabelText('Tag'), { target: { value: '3.20' } });
  fireEvent.click(within(form).getByRole('button', { name: 'Scan' }));
}

test('a one-off image scan asks again while the controller answers 304, then shows the report', async () => {
  const sent = repositoryScan(2, () => ({
    report: { vulnerabilities: [{ name: 'CVE-2024-9', severity: 'High', score: 7, score_v3: 7.1, package_name: 'musl', package_version: '1.2', fixed_version: '1.3' }], layers: [{ digest: 'sha256:l1', cmds: 'ADD alpine /', size: 1, vulnerabilities: [] }] },
  }));
  await scan('library/alpine');
  await screen.findByRole('tab', { name: 'By layer (1)' });
  const posts = sent.filter((s) => s.method === 'POST' && s.path === '/v1/scan/repository');
  expect(posts).toHaveLength(3);
  expect(posts.every((p) => JSON.stringify(p.body) === JSON.stringify(posts[0].body))).toBe(true);
  expect(last(sent, 'POST', '/v1/scan/repository')!.body).toEqual({
    request: { registry: 'https://registry-1.docker.io/', repository: 'library/alpine', tag: '3.20', username: '', password: '', scan_layers: true },
  });
  fireEvent.click(screen.getByRole('tab', { name: /^Vulnerabilities/ }));
  await screen.findByText('CVE-2024-9');
});

test('a refused scan shows why', async () => {
  repositoryScan(0, () => {
    throw new Status(400, 'Invalid Registry URL');
  });
  await scan('x');
  await screen.findByText('Invalid Registry URL');
});
