import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { vi } from 'vitest';
import { Api } from '../../api/client';
import { TestSession } from '../../session';
import { fakeController, Status, type Handler, type Sent } from '../../test/fakeController';
import { layoutGraph } from './layout';
import { buildGraph, parseListing } from './model';
import NetworkActivity from './NetworkActivity';
import { fitView } from './view';

const endpoints = [
  { id: 'w1', kind: 'container', name: 'web-1', display_name: 'web-1', service_group: 'nv.web', domain: 'shop', policy_mode: 'Protect', state: 'protect', image: 'nginx:1' },
  { id: 'w2', kind: 'container', name: 'web-2', display_name: 'web-2', service_group: 'nv.web', domain: 'shop', policy_mode: 'Protect', state: 'quarantined', quarantine_reason: 'by user' },
  { id: 'd1', kind: 'container', name: 'db-1', display_name: 'db-1', service_group: 'nv.db', domain: 'data', policy_mode: 'Monitor', state: 'monitor' },
  { id: 'external', kind: 'external', name: 'External Network', service_group: 'external', domain: '', state: 'online' },
];
const conversations = [
  { from: 'w1', to: 'd1', bytes: 2048, sessions: 3, policy_action: 'violate', ports: ['tcp/5432'], applications: [] },
  { from: 'external', to: 'w1', bytes: 100, sessions: 1, policy_action: 'allow', ports: [], applications: ['HTTP'] },
];

function serve(overrides: Record<string, Handler> = {}): Sent[] {
  return fakeController({
    'GET /v1/conversation': () => ({ endpoints, conversations }),
    'GET /v1/conversation_endpoint': (s) => {
      const domain = s.query.get('f_domain')?.replace('eq,', '');
      return { endpoints: endpoints.filter((e) => !domain || e.domain === domain) };
    },
    'GET /v1/conversation/{from}/{to}': () => ({
      conversation: {
        entries: [{ port: 'tcp/5432', application: '', policy_action: 'violate', policy_id: 42, bytes: 2048, sessions: 3, last_seen_at: '2026-01-02T03:04:05Z' }],
      },
    }),
    'GET /v1/log/violation': () => ({
      violations: [{ id: 'v1', reported_at: '2026-01-02T03:04:05Z', level: 'Warning', policy_action: 'violate', policy_id: 42, server_port: 5432, applications: [] }],
    }),
    'PATCH /v1/workload/{id}': () => ({}),
    ...overrides,
  });
}

function renderPage(role = 'admin') {
  return render(
    <TestSession api={new Api('t')} role={role}>
      <NetworkActivity location={{ path: '/network', params: new URLSearchParams() }} />
    </TestSession>,
  );
}

const graphRequests = (sent: Sent[]) => sent.filter((s) => s.method === 'GET' && s.path === '/v1/conversation');

beforeEach(() => {
  // jsdom has no canvas: the page works on without drawing
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

test('shows the graph and the nodes list, each entry with the container name, fetched page by page', async () => {
  const sent = serve();
  renderPage();
  const nodes = await screen.findByRole('table', { name: 'Network nodes' });
  await within(nodes).findByText('web-1');
  expect(within(nodes).getByText('db-1')).toBeInTheDocument();
  expect(screen.getByRole('application', { name: 'Network graph' })).toBeInTheDocument();
  const list = sent.find((s) => s.path === '/v1/conversation_endpoint')!;
  expect(Object.fromEntries(list.query)).toEqual({ start: '0', limit: '51', s_name: 'asc' });
  expect(graphRequests(sent)).toHaveLength(1);
});

test('the canvas takes the keyboard: arrows walk the nodes, Enter selects, Escape clears', async () => {
  serve();
  renderPage();
  const canvas = await screen.findByRole('application', { name: 'Network graph' });
  canvas.focus();
  fireEvent.keyDown(canvas, { key: 'ArrowRight' });
  // clusters in name order: external, nv.db, nv.web
  expect(screen.getByRole('status', { name: 'Focused node' })).toHaveTextContent('External Network, group external, online, 1 of 4');
  fireEvent.keyDown(canvas, { key: 'ArrowRight' });
  fireEvent.keyDown(canvas, { key: 'Tab' });
  expect(screen.getByRole('status', { name: 'Focused node' })).toHaveTextContent('web-1, group nv.web, protect, 3 of 4');
  fireEvent.keyDown(canvas, { key: 'Enter' });
  const panel = screen.getByRole('region', { name: 'Node web-1' });
  expect(within(panel).getByText('nginx:1')).toBeInTheDocument();
  fireEvent.keyDown(canvas, { key: 'Escape' });
  expect(screen.queryByRole('region', { name: 'Node web-1' })).toBeNull();
  // past the last node, Tab leaves the canvas (the browser moves the focus on)
  fireEvent.keyDown(canvas, { key: 'Tab' });
  expect(fireEvent.keyDown(canvas, { key: 'Tab' })).toBe(true);
  expect(screen.getByRole('status', { name: 'Focused node' })).toHaveTextContent('');
});

test('a click on a node selects it, found by the hit grid where the layout put it', async () => {
  serve();
  renderPage();
  const canvas = await screen.findByRole('application', { name: 'Network graph' });
  const graph = buildGraph(parseListing({ endpoints, conversations }), { collapsed: new Set(), violationsOnly: false });
  const layout = layoutGraph(graph);
  const view = fitView(layout.bounds, 800, 500);
  const i = graph.index.get('d1')!;
  const at = { clientX: layout.x[i] * view.scale + view.tx, clientY: layout.y[i] * view.scale + view.ty, button: 0, pointerId: 1 };
  fireEvent.pointerDown(canvas, at);
  fireEvent.pointerUp(canvas, at);
  expect(await screen.findByRole('region', { name: 'Node db-1' })).toBeInTheDocument();
  fireEvent.pointerDown(canvas, { clientX: 1, clientY: 1, button: 0, pointerId: 1 });
  fireEvent.pointerUp(canvas, { clientX: 1, clientY: 1, button: 0, pointerId: 1 });
  expect(screen.queryByRole('region', { name: 'Node db-1' })).toBeNull();
});

test('quarantines a container after a confirmation, and reads the graph again', async () => {
  const sent = serve();
  renderPage();
  fireEvent.click(await screen.findByText('web-1'));
  const panel = screen.getByRole('region', { name: 'Node web-1' });
  fireEvent.click(within(panel).getByRole('button', { name: 'Quarantine' }));
  const dialog = screen.getByRole('dialog', { name: 'Quarantine web-1?' });
  expect(sent.some((s) => s.method === 'PATCH')).toBe(false);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Quarantine' }));
  await waitFor(() => expect(graphRequests(sent)).toHaveLength(2));
  const patch = sent.find((s) => s.method === 'PATCH')!;
  expect(patch.path).toBe('/v1/workload/w1');
  expect(patch.body).toEqual({ config: { quarantine: true } });
  expect(screen.queryByRole('dialog')).toBeNull();
});

test('releases a quarantined container; a refusal is shown', async () => {
  const sent = serve({
    'PATCH /v1/workload/{id}': () => {
      throw new Status(400, 'The container is not running');
    },
  });
  renderPage();
  fireEvent.click(await screen.findByText('web-2'));
  const panel = screen.getByRole('region', { name: 'Node web-2' });
  expect(within(panel).getByText('by user')).toBeInTheDocument();
  fireEvent.click(within(panel).getByRole('button', { name: 'Release' }));
  fireEvent.click(within(screen.getByRole('dialog', { name: 'Release web-2?' })).getByRole('button', { name: 'Release' }));
  expect(await within(panel).findByRole('alert')).toHaveTextContent('Release failed: The container is not running');
  expect(sent.find((s) => s.method === 'PATCH')?.body).toEqual({ config: { quarantine: false } });
});

test('a user who may not write sees no quarantine', async () => {
  serve();
  renderPage('reader');
  fireEvent.click(await screen.findByText('web-1'));
  const panel = screen.getByRole('region', { name: 'Node web-1' });
  expect(within(panel).queryByRole('button', { name: 'Quarantine' })).toBeNull();
});

test('an edge shows its traffic, the rule that applies with a link to it, and its violations', async () => {
  const sent = serve();
  renderPage();
  fireEvent.click(await screen.findByText('web-1'));
  fireEvent.click(within(screen.getByRole('region', { name: 'Node web-1' })).getByRole('button', { name: 'to db-1' }));
  const panel = screen.getByRole('region', { name: 'Conversation web-1 → db-1' });
  expect(within(panel).getByText('tcp/5432')).toBeInTheDocument();
  const entries = await within(panel).findByRole('table', { name: 'Conversation entries' });
  expect(within(entries).getByRole('link', { name: 'Rule 42' })).toHaveAttribute('href', '#/policy/network-rules?id=42');
  const violations = within(panel).getByRole('table', { name: 'Violations of this conversation' });
  await within(violations).findByText('5432');
  const asked = sent.find((s) => s.path === '/v1/log/violation')!;
  expect(asked.query.get('f_client_id')).toBe('eq,w1');
  expect(asked.query.get('f_server_id')).toBe('eq,d1');
  expect(asked.query.get('s_reported_timestamp')).toBe('desc');
  expect(sent.some((s) => s.path === '/v1/conversation/w1/d1')).toBe(true);
});

test('filters: the namespace and group go to the controller, only violations is applied to the answer', async () => {
  const sent = serve();
  renderPage();
  await screen.findByText('web-1');
  fireEvent.change(screen.getByLabelText('Namespace'), { target: { value: 'shop' } });
  await waitFor(() => expect(graphRequests(sent).at(-1)?.query.get('f_domain')).toBe('eq,shop'));
  await waitFor(() => expect(sent.filter((s) => s.path === '/v1/conversation_endpoint').at(-1)?.query.get('f_domain')).toBe('eq,shop'));
  fireEvent.change(screen.getByLabelText('Group'), { target: { value: 'nv.web' } });
  await waitFor(() => expect(graphRequests(sent).at(-1)?.query.get('f_group')).toBe('eq,nv.web'));

  fireEvent.click(screen.getByRole('tab', { name: 'Conversations' }));
  const table = await screen.findByRole('table', { name: 'Network conversations' });
  await within(table).findByText('External Network');
  fireEvent.click(screen.getByLabelText('Only violations'));
  await waitFor(() => expect(within(table).queryByText('External Network')).toBeNull());
  expect(within(table).getByText('web-1')).toBeInTheDocument();
});

test('collapses groups to one node each, and expands one from its panel', async () => {
  serve();
  renderPage();
  const canvas = await screen.findByRole('application', { name: 'Network graph' });
  fireEvent.click(screen.getByRole('button', { name: 'Collapse all groups' }));
  canvas.focus();
  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    fireEvent.keyDown(canvas, { key: 'ArrowRight' });
    seen.push(screen.getByRole('status', { name: 'Focused node' }).textContent ?? '');
  }
  expect(seen).toEqual(['external, group external, 1 of 3', 'nv.db, group nv.db, 2 of 3', 'nv.web, group nv.web, 3 of 3']);
  fireEvent.keyDown(canvas, { key: 'Enter' });
  const group = screen.getByRole('region', { name: 'Group nv.web' });
  expect(within(group).getByRole('button', { name: 'web-2' })).toBeInTheDocument();
  fireEvent.click(within(group).getByRole('button', { name: 'Expand group nv.web' }));
  fireEvent.keyDown(canvas, { key: 'ArrowLeft' });
  fireEvent.keyDown(canvas, { key: 'ArrowRight' });
  expect(screen.getByRole('status', { name: 'Focused node' })).toHaveTextContent('of 4');
});

test('reads the graph again every 10 s while the page is visible', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const sent = serve();
  renderPage();
  await screen.findByText('web-1');
  expect(graphRequests(sent)).toHaveLength(1);
  await act(async () => vi.advanceTimersByTime(10_000));
  await waitFor(() => expect(graphRequests(sent)).toHaveLength(2));
  expect(screen.getByRole('application', { name: 'Network graph' })).toBeInTheDocument();
});

test('shows the error, and the empty graph', async () => {
  let fail = true;
  serve({
    'GET /v1/conversation': () => {
      if (fail) throw new Status(500, 'controller is down');
      return { endpoints: [], conversations: [] };
    },
  });
  renderPage();
  expect(await screen.findByRole('alert')).toHaveTextContent('controller is down');
  fail = false;
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('No network activity yet.')).toBeInTheDocument();
});
