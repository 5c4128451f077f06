import type { Graph, GraphNode } from './model';

// A cheap, deterministic layout: each cluster's members on a sunflower spiral around its centre, the clusters
// packed in rows (shelves) in name order. O(nodes + clusters); no forces, nothing per frame.

export interface ClusterPlace {
  cx: number;
  cy: number;
  radius: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Layout {
  /** World coordinates and radius of each node, by its index in Graph.nodes. */
  x: Float64Array;
  y: Float64Array;
  r: Float64Array;
  clusters: ClusterPlace[];
  bounds: Bounds;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Distance unit of the spiral: no two of its points are closer than one unit (the centre and the first). */
const NODE_GAP = 4;
const CLUSTER_PADDING = 10;
/** Room between clusters, with the cluster's label above it. */
const GAP = 36;

export function nodeRadius(node: GraphNode): number {
  switch (node.kind) {
    case 'group':
      return Math.min(40, 10 + 2 * Math.sqrt(node.members.length));
    case 'external':
      return 11;
    case 'node':
      return 8;
    default:
      return 6;
  }
}

export function layoutGraph(graph: Graph): Layout {
  const n = graph.nodes.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = nodeRadius(graph.nodes[i]);

  const radii = graph.clusters.map((c) => {
    let largest = 0;
    for (let i = c.first; i < c.first + c.count; i++) largest = Math.max(largest, r[i]);
    const step = 2 * largest + NODE_GAP;
    return { step, radius: step * Math.sqrt(Math.max(0, c.count - 1)) + largest + CLUSTER_PADDING };
  });

  const area = radii.reduce((sum, c) => sum + (2 * c.radius + GAP) ** 2, 0);
  const rowWidth = Math.max(Math.sqrt(area) * 1.25, ...radii.map((c) => 2 * c.radius + GAP));
  const clusters: ClusterPlace[] = [];
  let left = 0;
  let top = 0;
  let rowHeight = 0;
  graph.clusters.forEach((cluster, k) => {
    const { radius, step } = radii[k];
    const size = 2 * radius + GAP;
    if (left > 0 && left + size > rowWidth) {
      left = 0;
      top += rowHeight;
      rowHeight = 0;
    }
    const cx = left + GAP / 2 + radius;
    const cy = top + GAP + radius;
    clusters.push({ cx, cy, radius });
    for (let j = 0; j < cluster.count; j++) {
      const rho = step * Math.sqrt(j);
      const theta = j * GOLDEN_ANGLE;
      x[cluster.first + j] = cx + rho * Math.cos(theta);
      y[cluster.first + j] = cy + rho * Math.sin(theta);
    }
    left += size;
    rowHeight = Math.max(rowHeight, size + GAP / 2);
  });

  // the label above each cluster is inside the bounds too
  const bounds: Bounds = clusters.length ? { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity } : { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  for (const c of clusters) {
    bounds.minX = Math.min(bounds.minX, c.cx - c.radius);
    bounds.minY = Math.min(bounds.minY, c.cy - c.radius - GAP / 2);
    bounds.maxX = Math.max(bounds.maxX, c.cx + c.radius);
    bounds.maxY = Math.max(bounds.maxY, c.cy + c.radius);
  }
  return { x, y, r, clusters, bounds };
}
