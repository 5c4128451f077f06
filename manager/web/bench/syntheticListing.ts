// A made-up GET /v1/conversation answer of a given size, the same for the same seed: for the graph's benchmark
// and its tests.

/** mulberry32: a small seeded generator, so that every run draws the same graph. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODES = ['Discover', 'Monitor', 'Protect'];

export interface SyntheticSize {
  containers: number;
  groups: number;
  conversations: number;
  seed?: number;
}

/** The JSON of GET /v1/conversation: containers spread over groups and namespaces, two nodes and the outside. */
export function syntheticListing({ containers, groups, conversations, seed = 1 }: SyntheticSize): unknown {
  const next = random(seed);
  const endpoints: Record<string, unknown>[] = [];
  for (let i = 0; i < containers; i++) {
    const g = i % groups;
    endpoints.push({
      kind: 'container',
      id: `c${String(i).padStart(5, '0')}`,
      name: `svc${g}-pod-${i}`,
      display_name: `svc${g}-pod-${i}`,
      domain: `ns${g % 5}`,
      service_group: `nv.svc${g}.ns${g % 5}`,
      policy_mode: MODES[g % MODES.length],
      state: i % 97 === 0 ? 'quarantined' : MODES[g % MODES.length].toLowerCase(),
      image: `registry.example/svc${g}:1.${i % 7}`,
    });
  }
  endpoints.push(
    { kind: 'node_ip', id: 'Host:node-a', name: 'node-a', domain: '', service_group: 'nodes', state: 'online' },
    { kind: 'node_ip', id: 'Host:node-b', name: 'node-b', domain: '', service_group: 'nodes', state: 'online' },
    { kind: 'external', id: 'external', name: 'External Network', domain: '', service_group: 'external', state: 'online' },
  );
  const ids = endpoints.map((e) => e.id as string);
  const pairs = new Set<string>();
  const list: Record<string, unknown>[] = [];
  while (list.length < conversations && pairs.size < ids.length * (ids.length - 1)) {
    const from = ids[Math.floor(next() * ids.length)];
    const to = ids[Math.floor(next() * ids.length)];
    if (from === to || pairs.has(`${from}>${to}`)) continue;
    pairs.add(`${from}>${to}`);
    const roll = next();
    list.push({
      from,
      to,
      bytes: Math.floor(10 ** (2 + next() * 7)),
      sessions: 1 + Math.floor(next() * 500),
      severity: '',
      policy_action: roll < 0.03 ? 'deny' : roll < 0.1 ? 'violate' : 'allow',
      protocols: ['tcp'],
      applications: next() < 0.5 ? ['HTTP'] : [],
      ports: ['tcp/8080'],
    });
  }
  return { endpoints, conversations: list };
}
