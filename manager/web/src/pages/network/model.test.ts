import { syntheticListing } from '../../../bench/syntheticListing';
import { buildGraph, edgeId, groupNodeId, MAX_ENDPOINTS, parseListing, UNKNOWN_CLUSTER, verdictOf } from './model';

const none = { collapsed: new Set<string>(), violationsOnly: false };

const listing = () =>
  parseListing({
    endpoints: [
      { id: 'w1', kind: 'container', name: 'web-1', service_group: 'nv.web', domain: 'shop', policy_mode: 'Protect', state: 'protect' },
      { id: 'w2', kind: 'container', name: 'web-2', service_group: 'nv.web', domain: 'shop', policy_mode: 'Protect', state: 'protect' },
      { id: 'd1', kind: 'container', name: 'db-1', service_group: 'nv.db', domain: 'shop', policy_mode: 'Monitor', state: 'quarantined' },
      { id: 'external', kind: 'external', name: 'External Network', service_group: 'external' },
      { id: 'Workload:10.0.0.9', kind: 'workload_ip', name: '10.0.0.9' },
    ],
    conversations: [
      { from: 'w1', to: 'd1', bytes: 100, sessions: 2, policy_action: 'allow', ports: ['tcp/5432'] },
      { from: 'w2', to: 'd1', bytes: 50, sessions: 1, policy_action: 'violate' },
      { from: 'external', to: 'w1', bytes: 10, sessions: 1, policy_action: 'deny' },
      { from: 'w1', to: 'w2', bytes: 5, sessions: 1, policy_action: 'open' },
    ],
  });

test('reads the endpoints and conversations of GET /v1/conversation, compact or verbose', () => {
  const l = listing();
  expect(l.endpoints.map((e) => e.id)).toEqual(['w1', 'w2', 'd1', 'external', 'Workload:10.0.0.9']);
  expect(l.conversations[0]).toMatchObject({ from: 'w1', to: 'd1', bytes: 100, sessions: 2, ports: ['tcp/5432'] });
  const verbose = parseListing({ endpoints: [], conversations: [{ from: { id: 'a' }, to: { id: 'b' }, policy_action: 'allow' }] });
  expect(verbose.conversations[0]).toMatchObject({ from: 'a', to: 'b' });
});

test('malformed and hostile answers are read as far as they make sense, never thrown on', () => {
  for (const body of [null, 42, 'text', [], { endpoints: 'x', conversations: {} }, { endpoints: [null, 1, [], {}] }]) {
    expect(parseListing(body)).toEqual({ endpoints: [], conversations: [], truncated: false });
  }
  const l = parseListing({
    endpoints: [
      { id: 'a', name: { toString: 'no' }, bytes: 'many', state: ['x'] },
      { id: 'a', name: 'duplicate' },
      { id: 'x'.repeat(100_000), name: '<img src=x onerror=alert(1)>' },
      { id: '__proto__', name: 'proto' },
    ],
    conversations: [
      { from: 'a', to: 'b', bytes: -5, sessions: Infinity, applications: [1, null, 'HTTP', { a: 1 }] },
      { from: 'a', bytes: 1 },
      { from: 'a', to: 'b', bytes: Number.NaN, ports: 'tcp/80' },
    ],
  });
  expect(l.endpoints.map((e) => e.name)).toEqual(['a', '<img src=x onerror=alert(1)>', 'proto']);
  expect(l.endpoints[1].id.length).toBe(512);
  expect(l.conversations).toHaveLength(2);
  expect(l.conversations[0]).toMatchObject({ bytes: 0, sessions: 0, applications: ['1', 'HTTP'] });
  expect(l.conversations[1].ports).toEqual([]);
  // the prototype is untouched by an id of __proto__
  const graph = buildGraph(l, none);
  expect(graph.index.get('__proto__')).toBeGreaterThanOrEqual(0);
  expect(({} as Record<string, unknown>).name).toBeUndefined();
});

test('an oversized answer is cut and says so', () => {
  const endpoints = Array.from({ length: MAX_ENDPOINTS + 10 }, (_, i) => ({ id: `e${i}`, name: `e${i}` }));
  const l = parseListing({ endpoints, conversations: [] });
  expect(l.endpoints).toHaveLength(MAX_ENDPOINTS);
  expect(l.truncated).toBe(true);
});

test('verdicts: open and allow pass, violate is a violation, deny is denied', () => {
  expect(['open', 'allow', '', 'other'].map(verdictOf)).toEqual(['allowed', 'allowed', 'allowed', 'allowed']);
  expect(verdictOf('violate')).toBe('violation');
  expect(verdictOf('deny')).toBe('denied');
});

test('clusters nodes by group in name order, whatever the order of the answer', () => {
  const graph = buildGraph(listing(), none);
  expect(graph.clusters.map((c) => c.name)).toEqual(['external', 'nv.db', 'nv.web', UNKNOWN_CLUSTER]);
  expect(graph.nodes.map((n) => n.id)).toEqual(['external', 'd1', 'w1', 'w2', 'Workload:10.0.0.9']);
  const l = listing();
  const shuffled = { ...l, endpoints: [...l.endpoints].reverse(), conversations: [...l.conversations].reverse() };
  expect(buildGraph(shuffled, none).nodes.map((n) => n.id)).toEqual(graph.nodes.map((n) => n.id));
  expect(graph.edges.find((e) => e.id === edgeId('external', 'w1'))?.verdict).toBe('denied');
});

test('a collapsed group is one node: its edges merged with the worst verdict, those inside it left out', () => {
  const graph = buildGraph(listing(), { collapsed: new Set(['nv.web']), violationsOnly: false });
  const group = graph.nodes.find((n) => n.id === groupNodeId('nv.web'))!;
  expect(group.kind).toBe('group');
  expect(group.members.map((m) => m.id)).toEqual(['w1', 'w2']);
  expect(graph.nodes.some((n) => n.id === 'w1')).toBe(false);
  const toDb = graph.edges.find((e) => e.id === edgeId(groupNodeId('nv.web'), 'd1'))!;
  expect(toDb).toMatchObject({ bytes: 150, sessions: 3, verdict: 'violation' });
  expect(toDb.conversations).toHaveLength(2);
  expect(graph.edges.some((e) => e.from === e.to)).toBe(false);
  expect(graph.nodeOf.get('w2')).toBe(groupNodeId('nv.web'));
});

test('only violations: allowed conversations and the endpoints left without any are hidden', () => {
  const graph = buildGraph(listing(), { collapsed: new Set(), violationsOnly: true });
  expect(graph.edges.map((e) => e.verdict).sort()).toEqual(['denied', 'violation']);
  expect(graph.nodes.map((n) => n.id).sort()).toEqual(['d1', 'external', 'w1', 'w2']);
});

test('an end the answer has no endpoint for is drawn by its id', () => {
  const graph = buildGraph(parseListing({ endpoints: [], conversations: [{ from: 'ghost', to: 'external', policy_action: 'allow' }] }), none);
  expect(graph.nodes.map((n) => n.label).sort()).toEqual(['external', 'ghost']);
  expect(graph.edges).toHaveLength(1);
});

test('the benchmark size: 500 containers in 50 groups and 2,000 conversations', () => {
  const graph = buildGraph(parseListing(syntheticListing({ containers: 500, groups: 50, conversations: 2000 })), none);
  expect(graph.nodes).toHaveLength(503);
  expect(graph.clusters).toHaveLength(52);
  expect(graph.edges).toHaveLength(2000);
});
