import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import SecurityEvents from './SecurityEvents';
import { records, showPage } from './testing';

const violations = records(30, (i) => ({
  name: 'Network.Violation',
  level: i % 2 ? 'Warning' : 'Critical',
  id: `v${i}`,
  client_name: `client-${i}`,
  server_name: 'db',
  server_port: 5432,
  applications: ['PostgreSQL'],
  policy_action: i % 2 ? 'violate' : 'deny',
  host_name: 'node-1',
}));

const incident = {
  name: 'Process.Profile.Violation',
  level: 'Warning',
  reported_timestamp: 1_780_000_000,
  workload_id: 'w1',
  workload_name: 'web-1',
  group: 'nv.web.default',
  proc_name: 'nc',
  proc_path: '/usr/bin/nc',
  proc_cmd: 'nc -l 4444',
  proc_pid: 4242,
  proc_parent_name: 'sh',
  proc_parent_path: '/bin/sh',
  action: 'deny',
  rule_id: '00000000-0000-0000-0000-000000000001',
  message: 'Process not in the profile',
  host_name: 'node-1',
};

test('violations are paged, sorted and filtered by the controller, newest first', async () => {
  const sent = fakeController({
    'GET /v1/log/violation': (s) => {
      const start = Number(s.query.get('start'));
      const limit = Number(s.query.get('limit'));
      const level = s.query.get('f_level');
      const shown = level ? violations.filter((v) => `eq,${v.level}` === level) : violations;
      return { violations: shown.slice(start, start + limit) };
    },
  });
  showPage(SecurityEvents, '#/notifications/security-events');
  const table = await screen.findByRole('table', { name: 'Violations' });
  await within(table).findByText('client-0');
  expect(sent[0].path).toBe('/v1/log/violation');
  expect(Object.fromEntries(sent[0].query)).toEqual({ start: '0', limit: '26', s_reported_timestamp: 'desc' });
  expect(within(table).getAllByRole('row')).toHaveLength(2 + 25);

  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  await within(table).findByText('client-25');
  expect(sent.at(-1)!.query.get('start')).toBe('25');

  fireEvent.change(screen.getByRole('combobox', { name: 'Filter Level' }), { target: { value: 'Critical' } });
  await waitFor(() => expect(sent.at(-1)!.query.get('f_level')).toBe('eq,Critical'));
  expect(sent.at(-1)!.query.get('start')).toBe('0');
  await waitFor(() => expect(within(table).queryByText('client-1')).toBeNull());

  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Client' }), { target: { value: 'client-2' } });
  await waitFor(() => expect(sent.at(-1)!.query.get('f_client_name')).toBe('in,client-2'));
});

test('the kind comes from the address, and a tab changes it', async () => {
  const sent = fakeController({
    'GET /v1/log/violation': () => ({ violations: [] }),
    'GET /v1/log/incident': () => ({ incidents: [incident] }),
    'GET /v1/log/threat': () => ({ threats: [] }),
  });
  showPage(SecurityEvents, '#/notifications/security-events?kind=incident');
  await screen.findByText('web-1');
  expect(screen.getByRole('tab', { name: 'Incidents' })).toHaveAttribute('aria-selected', 'true');

  fireEvent.click(screen.getByRole('tab', { name: 'Threats' }));
  await waitFor(() => expect(window.location.hash).toBe('#/notifications/security-events?kind=threat'));
  await screen.findByRole('table', { name: 'Threats' });
  await screen.findByText('Nothing here yet.');
  // the threat log is asked like the others: a page, newest first
  const threat = sent.find((s) => s.path === '/v1/log/threat')!;
  expect(threat.query.get('start')).toBe('0');
  expect(threat.query.get('limit')).toBe('26');
  expect(threat.query.get('s_reported_timestamp')).toBe('desc');
});

test('an incident opens its process, parent and action', async () => {
  fakeController({ 'GET /v1/log/incident': () => ({ incidents: [incident] }) });
  showPage(SecurityEvents, '#/notifications/security-events?kind=incident');
  const row = (await screen.findByText('web-1')).closest('tr')!;
  row.focus();
  fireEvent.keyDown(row, { key: 'Enter' });
  const details = await screen.findByRole('complementary', { name: 'Process.Profile.Violation' });
  expect(document.activeElement).toBe(within(details).getByRole('heading', { name: 'Process.Profile.Violation' }));
  const process = within(details).getByRole('region', { name: 'Process' });
  for (const shown of ['nc', '/usr/bin/nc', 'nc -l 4444', 'sh', '/bin/sh', 'deny', 'Process not in the profile']) {
    expect(within(process).getByText(shown)).toBeInTheDocument();
  }
  expect(within(process).getByText('Parent path').nextSibling).toHaveTextContent('/bin/sh');
  fireEvent.keyDown(within(details).getByRole('button', { name: 'Close details' }), { key: 'Escape' });
  expect(screen.queryByRole('complementary')).toBeNull();
  expect(document.activeElement).toBe(row);
});

test('an error shows, and a retry asks again', async () => {
  let fail = true;
  fakeController({
    'GET /v1/log/violation': () => {
      if (fail) throw new Status(403, 'Access denied');
      return { violations: [] };
    },
  });
  showPage(SecurityEvents, '#/notifications/security-events');
  expect(await screen.findByRole('alert')).toHaveTextContent('Access denied');
  fail = false;
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  await screen.findByText('Nothing here yet.');
});

test('threats are paged and filtered by the controller', async () => {
  const threats = records(30, (i) => ({ name: 'Threat.TCP.Flood', level: 'Critical', client_name: `attacker-${i}`, server_name: 'web' }));
  const sent = fakeController({
    'GET /v1/log/threat': (s) => {
      const start = Number(s.query.get('start'));
      return { threats: threats.slice(start, start + Number(s.query.get('limit'))) };
    },
  });
  showPage(SecurityEvents, '#/notifications/security-events?kind=threat');
  await screen.findByText('attacker-24');
  expect(screen.queryByText('attacker-25')).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByText('attacker-29');
  expect(sent.at(-1)!.query.get('start')).toBe('25');
  expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

  fireEvent.change(screen.getByRole('combobox', { name: 'Filter Level' }), { target: { value: 'Critical' } });
  await waitFor(() => expect(sent.at(-1)!.query.get('f_level')).toBe('eq,Critical'));
  expect(sent.at(-1)!.query.get('start')).toBe('0');
});
