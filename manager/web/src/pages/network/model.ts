// The network graph's data: what GET /v1/conversation answers (RESTConversationEndpoint, RESTConversationCompact),
// read defensively, and the graph drawn of it (containers clustered by their group, groups collapsible).

export interface Endpoint {
  id: string;
  kind: string;
  name: string;
  display_name?: string;
  domain: string;
  service_group: string;
  policy_mode: string;
  state: string;
  image?: string;
  host_name?: string;
  platform_role?: string;
  quarantine_reason?: string;
}

export interface ConversationEntry {
  bytes: number;
  sessions: number;
  port?: string;
  application?: string;
  policy_action: string;
}

export interface Conversation {
  from: string;
  to: string;
  bytes: number;
  sessions: number;
  severity: string;
  policy_action: string;
  applications: string[];
  ports: string[];
  protocols: string[];
}

export interface Listing {
  endpoints: Endpoint[];
  conversations: Conversation[];
  /** Some of the answer was left out: more than the console draws. */
  truncated: boolean;
}

export type Verdict = 'allowed' | 'violation' | 'denied';

export const MAX_ENDPOINTS = 20_000;
export const MAX_CONVERSATIONS = 100_000;
const MAX_TEXT = 512;
const MAX_LIST = 64;

/** NeuVector's policy actions: open and allow pass, violate is reported, deny is dropped. */
export function verdictOf(policyAction: string): Verdict {
  if (policyAction === 'deny') return 'denied';
  if (policyAction === 'violate') return 'violation';
  return 'allowed';
}

const VERDICT_RANK: Record<Verdict, number> = { allowed: 0, violation: 1, denied: 2 };

function worse(a: Verdict, b: Verdict): Verdict {
  return VERDICT_RANK[a] >= VERDICT_RANK[b] ? a : b;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.slice(0, MAX_LIST).map(text).filter((t) => t !== '') : [];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function parseEndpoint(value: unknown): Endpoint | undefined {
  const o = record(value);
  const id = text(o?.id);
  if (!o || !id) return undefined;
  const name = text(o.display_name) || text(o.name) || id;
  return {
    id,
    kind: text(o.kind) || 'container',
    name,
    display_name: text(o.display_name) || undefined,
    domain: text(o.domain),
    service_group: text(o.service_group),
    policy_mode: text(o.policy_mode),
    state: text(o.state),
    image: text(o.image) || undefined,
    host_name: text(o.host_name) || undefined,
    platform_role: text(o.platform_role) || undefined,
    quarantine_reason: text(o.quarantine_reason) || undefined,
  };
}

export function parseConversation(value: unknown): Conversation | undefined {
  const o = record(value);
  // verbose answers carry the ends whole
  const from = text(record(o?.from)?.id ?? o?.from);
  const to = text(record(o?.to)?.id ?? o?.to);
  if (!o || !from || !to) return undefined;
  return {
    from,
    to,
    bytes: count(o.bytes),
    sessions: count(o.sessions),
    severity: text(o.severity),
    policy_action: text(o.policy_action),
    applications: texts(o.applications),
    ports: texts(o.ports),
    protocols: texts(o.protocols),
  };
}

/** The answer of GET /v1/conversation: what is malformed is left out, never thrown on. */
export function parseListing(body: unknown): Listing {
  const o = record(body);
  const rawEndpoints = Array.isArray(o?.endpoints) ? (o.endpoints as unknown[]) : [];
  const rawConversations = Array.isArray(o?.conversations) ? (o.conversations as unknown[]) : [];
  const endpoints = new Map<string, Endpoint>();
  for (const raw of rawEndpoints.slice(0, MAX_ENDPOINTS)) {
    const e = parseEndpoint(raw);
    if (e && !endpoints.has(e.id)) endpoints.set(e.id, e);
  }
  const conversations: Conversation[] = [];
  for (const raw of rawConversations.slice(0, MAX_CONVERSATIONS)) {
    const c = parseConversation(raw);
    if (c) conversations.push(c);
  }
  return {
    endpoints: [...endpoints.values()],
    conversations,
    truncated: rawEndpoints.length > MAX_ENDPOINTS || rawConversations.length > MAX_CONVERSATIONS,
  };
}

export type NodeKind = 'container' | 'node' | 'address' | 'external' | 'group';

export interface GraphNode {
  id: string;
  label: string;
  cluster: string;
  kind: NodeKind;
  /** The endpoint; a collapsed group has none but its members. */
  endpoint?: Endpoint;
  members: Endpoint[];
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  bytes: number;
  sessions: number;
  verdict: Verdict;
  /** The conversations it stands for: one, or those between members of collapsed groups. */
  conversations: Conversation[];
}

export interface Cluster {
  name: string;
  collapsed: boolean;
  /** Indexes into Graph.nodes, consecutive. */
  first: number;
  count: number;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  clusters: Cluster[];
  /** Node index by node id. */
  index: Map<string, number>;
  /** The node id each endpoint shown is drawn as: its own, or its collapsed group's. */
  nodeOf: Map<string, string>;
}

export interface GraphOptions {
  collapsed: ReadonlySet<string>;
  violationsOnly: boolean;
}

export const UNKNOWN_CLUSTER = 'unmanaged workloads';

export function kindOf(e: Endpoint): NodeKind {
  if (e.kind === 'node_ip') return 'node';
  if (e.kind === 'workload_ip') return 'address';
  if (e.kind === 'external') return 'external';
  return 'container';
}

/** The cluster an endpoint is drawn in: its group (containers' learned group, nodes, external). */
export function clusterOf(e: Endpoint): string {
  if (e.service_group) return e.service_group;
  const kind = kindOf(e);
  if (kind === 'node') return 'nodes';
  if (kind === 'external') return 'external';
  return UNKNOWN_CLUSTER;
}

export function groupNodeId(cluster: string): string {
  return `group:${cluster}`;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The graph of a listing: one node per endpoint (a collapsed group's members become one node), clusters and
 * nodes in name order whatever the answer's order, and one edge per direction between two nodes (conversations
 * merged when their ends were collapsed, those inside one collapsed group left out).
 */
export function buildGraph(listing: Listing, options: GraphOptions): Graph {
  const endpoints = new Map(listing.endpoints.map((e) => [e.id, e]));
  const conversations = options.violationsOnly
    ? listing.conversations.filter((c) => verdictOf(c.policy_action) !== 'allowed')
    : listing.conversations;
  // an end the answer has no endpoint for is still drawn, by its id
  for (const c of conversations) {
    for (const id of [c.from, c.to]) {
      if (!endpoints.has(id)) endpoints.set(id, { id, kind: 'workload_ip', name: id, domain: '', service_group: '', policy_mode: '', state: '' });
    }
  }
  let shown = [...endpoints.values()];
  if (options.violationsOnly) {
    const touched = new Set(conversations.flatMap((c) => [c.from, c.to]));
    shown = shown.filter((e) => touched.has(e.id));
  }

  const byCluster = new Map<string, Endpoint[]>();
  for (const e of shown) {
    const name = clusterOf(e);
    const list = byCluster.get(name);
    if (list) list.push(e);
    else byCluster.set(name, [e]);
  }

  const nodes: GraphNode[] = [];
  const clusters: Cluster[] = [];
  const nodeOf = new Map<string, string>();
  for (const name of [...byCluster.keys()].sort(byText)) {
    const members = byCluster.get(name)!.sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id));
    const collapsed = options.collapsed.has(name);
    const first = nodes.length;
    if (collapsed) {
      const id = groupNodeId(name);
      nodes.push({ id, label: name, cluster: name, kind: 'group', members });
      members.forEach((m) => nodeOf.set(m.id, id));
    } else {
      for (const m of members) {
        nodes.push({ id: m.id, label: m.name, cluster: name, kind: kindOf(m), endpoint: m, members: [] });
        nodeOf.set(m.id, m.id);
      }
    }
    clusters.push({ name, collapsed, first, count: nodes.length - first });
  }

  const edges = new Map<string, GraphEdge>();
  for (const c of conversations) {
    const from = nodeOf.get(c.from);
    const to = nodeOf.get(c.to);
    if (!from || !to || from === to) continue;
    const id = edgeId(from, to);
    const verdict = verdictOf(c.policy_action);
    const edge = edges.get(id);
    if (edge) {
      edge.bytes += c.bytes;
      edge.sessions += c.sessions;
      edge.verdict = worse(edge.verdict, verdict);
      edge.conversations.push(c);
    } else {
      edges.set(id, { id, from, to, bytes: c.bytes, sessions: c.sessions, verdict, conversations: [c] });
    }
  }
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  return { nodes, edges: [...edges.values()], clusters, index, nodeOf };
}

export function edgeId(from: string, to: string): string {
  return `${from}\u0000${to}`;
}
