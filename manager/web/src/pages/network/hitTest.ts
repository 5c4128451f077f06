import type { GraphEdge } from './model';
import type { Layout } from './layout';

// What is under the pointer: nodes through a uniform grid of world cells; edges (only asked on a click, when no
// node is hit) by distance to each segment.

const CELL = 64;

export class NodeGrid {
  private readonly cells = new Map<string, number[]>();

  constructor(private readonly layout: Layout) {
    const { x, y, r } = layout;
    for (let i = 0; i < x.length; i++) {
      for (let cx = cell(x[i] - r[i]); cx <= cell(x[i] + r[i]); cx++) {
        for (let cy = cell(y[i] - r[i]); cy <= cell(y[i] + r[i]); cy++) {
          const key = `${cx},${cy}`;
          const list = this.cells.get(key);
          if (list) list.push(i);
          else this.cells.set(key, [i]);
        }
      }
    }
  }

  /** The node nearest to the world point whose disc, widened by slack, holds it; -1 for none. */
  nodeAt(px: number, py: number, slack = 0): number {
    const { x, y, r } = this.layout;
    let best = -1;
    let bestDistance = Infinity;
    for (let cx = cell(px - slack); cx <= cell(px + slack); cx++) {
      for (let cy = cell(py - slack); cy <= cell(py + slack); cy++) {
        for (const i of this.cells.get(`${cx},${cy}`) ?? []) {
          const d = Math.hypot(px - x[i], py - y[i]);
          if (d <= r[i] + slack && d < bestDistance) {
            best = i;
            bestDistance = d;
          }
        }
      }
    }
    return best;
  }
}

function cell(v: number): number {
  return Math.floor(v / CELL);
}

/** The edge nearest to the world point, within tolerance; -1 for none. */
export function edgeAt(edges: GraphEdge[], index: Map<string, number>, layout: Layout, px: number, py: number, tolerance: number): number {
  let best = -1;
  let bestDistance = tolerance;
  edges.forEach((e, k) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined) return;
    const d = segmentDistance(px, py, layout.x[a], layout.y[a], layout.x[b], layout.y[b]);
    if (d <= bestDistance) {
      best = k;
      bestDistance = d;
    }
  });
  return best;
}

export function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
