import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController } from '../../test/fakeController';
import RiskReports from './RiskReports';
import { records, showPage } from './testing';

const audits = [
  ...records(1, () => ({
    name: 'Container.Scan.Report',
    level: 'Critical',
    workload_name: 'web-1',
    workload_domain: 'shop',
    workload_image: 'nginx:1.25',
    critical_vul_cnt: 2,
    high_vul_cnt: 5,
    medium_vul_cnt: 9,
    critical_vuls: ['CVE-2024-0001', 'CVE-2024-0002'],
    high_vuls: ['CVE-2024-0003'],
    medium_vuls: [],
    message: 'Scanned: 2 critical, 5 high and 9 medium vulnerabilities',
  })),
  ...records(1, () => ({
    name: 'Registry.Scan.Report',
    image: 'library/alpine:3.20',
    registry: 'https://registry-1.docker.io/',
    critical_vul_cnt: 0,
    high_vul_cnt: 0,
    medium_vul_cnt: 1,
  })),
  ...records(1, () => ({ name: 'Admission.Control.Denied', level: 'Critical', workload_domain: 'shop', workload_image: 'evil:latest', user: 'kube-admin', message: 'Deny rule 1000' })),
];

test('lists scan reports and admission verdicts from the audit log, sorted and filtered by the controller', async () => {
  const sent = fakeController({ 'GET /v1/log/audit': () => ({ audits }) });
  showPage(RiskReports);
  const table = await screen.findByRole('table', { name: 'Risk reports' });
  await within(table).findByText('web-1');
  expect(within(table).getByText('library/alpine:3.20')).toBeInTheDocument();
  expect(within(table).getByText('evil:latest')).toBeInTheDocument();
  expect(sent[0].query.get('s_reported_timestamp')).toBe('desc');

  fireEvent.click(within(table).getByRole('button', { name: /Critical/ }));
  await waitFor(() => expect(sent.at(-1)!.query.get('s_critical_vul_cnt')).toBe('asc'));

  fireEvent.change(screen.getByRole('combobox', { name: 'Filter Report' }), { target: { value: 'Admission.Control.Denied' } });
  await waitFor(() => expect(sent.at(-1)!.query.get('f_name')).toBe('eq,Admission.Control.Denied'));
  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Namespace' }), { target: { value: 'shop' } });
  await waitFor(() => expect(sent.at(-1)!.query.get('f_workload_domain')).toBe('in,shop'));
});

test('a scan report opens its vulnerabilities', async () => {
  fakeController({ 'GET /v1/log/audit': () => ({ audits }) });
  showPage(RiskReports);
  fireEvent.click(await screen.findByText('web-1'));
  const details = await screen.findByRole('complementary', { name: 'Container.Scan.Report' });
  const vulnerabilities = within(details).getByRole('region', { name: 'Vulnerabilities' });
  expect(within(vulnerabilities).getByText('CVE-2024-0001, CVE-2024-0002')).toBeInTheDocument();
  // an empty list is no field
  expect(within(vulnerabilities).queryByText('Medium')).toBeNull();
});
