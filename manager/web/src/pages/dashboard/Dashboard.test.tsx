import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Api } from '../../api/client';
import { TestSession } from '../../session';
import { fakeController, Status, type Handler } from '../../test/fakeController';
import Dashboard from './Dashboard';
import { admissionAnswer, assetAnswer, groupsAnswer, NOW, scoreAnswer, securityAnswer, summaryAnswer } from './fixtures';

const routes = (over: Record<string, Handler> = {}): Record<string, Handler> => ({
  'GET /v1/system/score/metrics': () => scoreAnswer(42),
  'GET /v1/scan/asset': () => assetAnswer,
  'GET /v1/system/summary': () => summaryAnswer,
  'GET /v1/group': () => groupsAnswer,
  'GET /v1/admission/stats': () => admissionAnswer,
  'GET /v1/log/security': () => securityAnswer,
  ...over,
});

function show() {
  render(
    <TestSession api={new Api('t')}>
      <Dashboard location={{ path: '/dashboard', params: new URLSearchParams() }} />
    </TestSession>,
  );
}

const region = (name: string) => screen.getByRole('region', { name });

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW * 1000);
});
afterEach(() => vi.restoreAllMocks());

test('shows every panel from its own call', async () => {
  const sent = fakeController(routes());
  show();

  const score = region('Security risk score');
  await within(score).findByRole('img', { name: 'Security risk score 42 of 100, Fair' });
  const privileged = within(score).getByRole('listitem', { name: 'Privileged containers' });
  expect(privileged).toHaveTextContent('4 of 4');
  expect(privileged).toHaveTextContent('Privileged containers running: 1.');
  expect(within(privileged).getByRole('link', { name: 'Go there' })).toHaveAttribute('href', '#/assets/containers');
  // a factor that adds nothing gives no advice
  expect(within(within(score).getByRole('listitem', { name: 'Vulnerabilities' })).queryByRole('link')).toBeNull();
  // 26 of the 42 points the factors add up to
  expect(within(score).getByRole('listitem', { name: 'Groups in Discover mode' })).toHaveTextContent('62% of the score');

  const severity = region('Vulnerabilities in running containers');
  await within(severity).findByRole('img', { name: 'Vulnerabilities by severity: Critical 1, High 1, Medium 1, Low 1' });
  expect(within(severity).getByRole('link', { name: /Critical/ })).toHaveAttribute('href', '#/risks/vulnerabilities?severity=critical');

  const exposed = region('Most exposed containers and images');
  const containers = within(exposed).getByRole('table', { name: 'Most exposed containers' });
  const rows = within(containers).getAllByRole('row').slice(1);
  expect(rows.map((r) => r.textContent)).toEqual(['web-111', 'db-110']);
  expect(within(containers).getByRole('link', { name: 'web-1' })).toHaveAttribute('href', '#/assets/containers?id=w1');
  const images = within(exposed).getByRole('table', { name: 'Most exposed images' });
  expect(within(images).getByRole('link', { name: 'nginx:1.25' })).toHaveAttribute('href', '#/risks/vulnerabilities?image=nginx%3A1.25');
  expect(within(images).getByRole('link', { name: 'registry/only:1' })).toBeInTheDocument();

  const events = region('Security events, last 24 hours');
  await within(events).findByRole('img', { name: /Violations 2, Incidents 1, Threats 0; at most 2 in one bucket/ });
  const security = sent.find((s) => s.path === '/v1/log/security')!;
  expect(security.query.get('f_reported_timestamp')).toBe(`gte,${Math.floor(NOW / 3600) * 3600 - 23 * 3600}`);
  expect(within(events).getByRole('link', { name: /Incidents/ })).toHaveAttribute('href', '#/notifications/security-events?kind=incident');

  const groups = region('Groups by mode');
  await within(groups).findByRole('img', { name: 'Groups by mode: Discover 1, Monitor 0, Protect 2' });
  expect(within(groups).getByRole('link', { name: /Protect/ })).toHaveAttribute('href', '#/policy/groups?mode=Protect');

  const admission = region('Admission control');
  await within(admission).findByRole('img', { name: 'Admission requests: Allowed 40, Denied 3, Failed 1' });

  const summary = region('System summary');
  expect(await within(summary).findByRole('link', { name: 'Nodes: 2' })).toHaveAttribute('href', '#/assets/nodes');
  expect(within(summary).getByText('1 disconnected')).toBeInTheDocument();
  expect(within(summary).getByText('3.812')).toBeInTheDocument();

  // /v1/scan/asset feeds two panels with one call
  expect(sent.filter((s) => s.path === '/v1/scan/asset')).toHaveLength(1);
});

test('a panel that fails shows its error and retries alone; the others show their data', async () => {
  let refuse = true;
  const sent = fakeController(
    routes({
      'GET /v1/admission/stats': () => {
        if (refuse) throw new Status(403, 'Access denied');
        return admissionAnswer;
      },
    }),
  );
  show();
  const admission = region('Admission control');
  expect(await within(admission).findByRole('alert')).toHaveTextContent('Access denied');
  await within(region('Groups by mode')).findByRole('img');
  const before = sent.length;
  refuse = false;
  fireEvent.click(within(admission).getByRole('button', { name: 'Try again' }));
  await within(admission).findByRole('img', { name: /Allowed 40/ });
  expect(sent.slice(before).map((s) => s.path)).toEqual(['/v1/admission/stats']);
});

test('says so when there is nothing yet', async () => {
  fakeController(
    routes({
      'GET /v1/scan/asset': () => ({ vulnerabilities: [], workloads: {}, nodes: {}, images: {}, platforms: {} }),
      'GET /v1/group': () => ({ groups: [] }),
      'GET /v1/admission/stats': () => ({ stats: { ...admissionAnswer.stats, k8s_allowed_requests: 0, k8s_denied_requests: 0, k8s_erroneous_requests: 0 } }),
      'GET /v1/log/security': () => ({ threats: [], violations: [], incidents: [] }),
    }),
  );
  show();
  expect(await screen.findByText(/No vulnerabilities found in running containers/)).toBeInTheDocument();
  expect(screen.getByText('No container or image has critical or high vulnerabilities.')).toBeInTheDocument();
  expect(await screen.findByText('No group has a mode yet.')).toBeInTheDocument();
  expect(await screen.findByText('No admission requests yet.')).toBeInTheDocument();
  expect(await screen.findByText('No security events in the last 24 hours.')).toBeInTheDocument();
});

test('the score is rated good, fair and poor at NeuVector\'s bounds', async () => {
  for (const [total, grade] of [
    [0, 'Good'],
    [20, 'Good'],
    [21, 'Fair'],
    [50, 'Fair'],
    [51, 'Poor'],
    [100, 'Poor'],
  ] as const) {
    fakeController(routes({ 'GET /v1/system/score/metrics': () => scoreAnswer(total) }));
    const { unmount } = render(
      <TestSession api={new Api('t')}>
        <Dashboard location={{ path: '/dashboard', params: new URLSearchParams() }} />
      </TestSession>,
    );
    await screen.findByRole('img', { name: `Security risk score ${total} of 100, ${grade}` });
    unmount();
  }
});

test('Refresh now asks every panel again', async () => {
  const sent = fakeController(routes());
  show();
  await within(region('Admission control')).findByRole('img');
  await waitFor(() => expect(sent.filter((s) => s.path === '/v1/group')).toHaveLength(1));
  fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
  await waitFor(() => {
    for (const path of ['/v1/system/score/metrics', '/v1/scan/asset', '/v1/system/summary', '/v1/group', '/v1/admission/stats', '/v1/log/security']) {
      expect(sent.filter((s) => s.path === path)).toHaveLength(2);
    }
  });
});
