import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import Compliance from './Compliance';
import { renderPage } from './renderPage';

const check = (n: string, level: string, catalog = 'image') => ({ catalog, type: 'image', level, test_number: n, description: `check ${n}` });

test('reads the image checks of every registry, says what is not collected, and filters by level and category', async () => {
  const sent = fakeController({
    'GET /v1/scan/registry': () => ({ summarys: [{ name: 'hub' }, { name: 'quay' }] }),
    'GET /v1/scan/registry/hub/images': () => ({
      images: [
        { repository: 'library/nginx', tag: '1.27', image_id: 'n1' },
        { repository: 'library/nginx', tag: 'latest', image_id: 'n1' },
      ],
    }),
    'GET /v1/scan/registry/quay/images': () => ({ images: [{ repository: 'org/app', tag: '2', image_id: 'a2' }] }),
    'GET /v1/scan/registry/hub/image/n1': () => ({ report: { vulnerabilities: [], checks: [check('I.4.1', 'WARN'), check('I.4.6', 'PASS')], secrets: [], setid_perms: [{ type: 'setuid', evidence: '', path: '/bin/su' }] } }),
    'GET /v1/scan/registry/quay/image/a2': () => ({ report: { vulnerabilities: [], checks: [check('I.4.9', 'WARN', 'secrets')], secrets: [{ type: 'key', evidence: 'x', path: '/k' }], setid_perms: [] } }),
  });
  renderPage(Compliance, '/risks/compliance');
  expect(screen.getByText(/Not collected: CIS benchmarks of nodes/)).toBeInTheDocument();
  const checks = await screen.findByRole('table', { name: 'Compliance checks' });
  await within(checks).findByText('I.4.9');
  expect(sent.filter((s) => s.path === '/v1/scan/registry/hub/image/n1')).toHaveLength(1);
  expect(sent.find((s) => s.path === '/v1/scan/registry/hub/images')!.query.get('f_status')).toBe('eq,finished');
  expect(within(checks).getAllByRole('link', { name: 'library/nginx:1.27, library/nginx:latest' })[0]).toHaveAttribute('href', '#/risks/report?registry=hub&id=n1');

  const images = screen.getByRole('table', { name: 'Compliance by image' });
  const nginx = within(images).getByRole('link', { name: /library\/nginx/ }).closest('tr')!;
  expect(within(nginx).getAllByRole('cell').map((c) => c.textContent)).toEqual(['library/nginx:1.27, library/nginx:latest', 'hub', '1', '0', '1']);

  fireEvent.change(within(checks).getByRole('combobox', { name: 'Filter Level' }), { target: { value: 'WARN' } });
  await waitFor(() => expect(within(checks).queryByText('I.4.6')).toBeNull());
  fireEvent.change(within(checks).getByRole('searchbox', { name: 'Filter Category' }), { target: { value: 'secr' } });
  await waitFor(() => expect(within(checks).queryByText('I.4.1')).toBeNull());
  expect(within(checks).getByText('I.4.9')).toBeInTheDocument();
});

test('an image whose report cannot be read is named; a controller refusal is shown', async () => {
  fakeController({
    'GET /v1/scan/registry': () => ({ summarys: [{ name: 'hub' }] }),
    'GET /v1/scan/registry/hub/images': () => ({ images: [{ repository: 'library/nginx', tag: '1', image_id: 'n1' }] }),
    'GET /v1/scan/registry/hub/image/n1': () => {
      throw new Status(404, 'Image not found');
    },
  });
  const { unmount } = renderPage(Compliance, '/risks/compliance');
  await screen.findByText('Could not read the reports of: library/nginx:1');
  unmount();

  fakeController({
    'GET /v1/scan/registry': () => {
      throw new Status(403, 'Access denied');
    },
  });
  renderPage(Compliance, '/risks/compliance');
  await screen.findByText(/Access denied/);
});
