import { syntheticListing } from '../../../bench/syntheticListing';
import { edgeAt, NodeGrid, segmentDistance } from './hitTest';
import { layoutGraph } from './layout';
import { buildGraph, parseListing } from './model';
import { fitView, MAX_SCALE, MIN_SCALE, panBy, reveal, toWorld, zoomAt } from './view';

const graph = buildGraph(parseListing(syntheticListing({ containers: 500, groups: 50, conversations: 2000 })), { collapsed: new Set(), violationsOnly: false });
const layout = layoutGraph(graph);

test('every node is found at its centre and at its rim, nothing between clusters', () => {
  const grid = new NodeGrid(layout);
  for (let i = 0; i < graph.nodes.length; i++) {
    expect(grid.nodeAt(layout.x[i], layout.y[i])).toBe(i);
    expect(grid.nodeAt(layout.x[i] + layout.r[i] * 0.99, layout.y[i])).toBe(i);
  }
  const c = layout.clusters[0];
  expect(grid.nodeAt(c.cx, c.cy - c.radius - 5)).toBe(-1);
  expect(grid.nodeAt(-1e6, 1e6)).toBe(-1);
  expect(grid.nodeAt(Number.NaN, 0)).toBe(-1);
});

test('slack widens the hit, in world units', () => {
  const grid = new NodeGrid(layout);
  const outside = layout.x[0] + layout.r[0] + 3;
  expect(grid.nodeAt(outside, layout.y[0])).toBe(-1);
  expect(grid.nodeAt(outside, layout.y[0], 4)).toBe(0);
});

test('an edge is found near its middle, not past its ends', () => {
  const k = 7;
  const a = graph.index.get(graph.edges[k].from)!;
  const b = graph.index.get(graph.edges[k].to)!;
  const mx = (layout.x[a] + layout.x[b]) / 2;
  const my = (layout.y[a] + layout.y[b]) / 2;
  const found = edgeAt(graph.edges, graph.index, layout, mx, my, 0.5);
  // another edge may cross the same point; the one found passes through it
  const f = graph.edges[found];
  const fa = graph.index.get(f.from)!;
  const fb = graph.index.get(f.to)!;
  expect(segmentDistance(mx, my, layout.x[fa], layout.y[fa], layout.x[fb], layout.y[fb])).toBeLessThanOrEqual(0.5);
  expect(edgeAt(graph.edges, graph.index, layout, -1e6, -1e6, 5)).toBe(-1);
});

test('segment distance: to the segment, to an end past it, and for a point-like segment', () => {
  expect(segmentDistance(5, 3, 0, 0, 10, 0)).toBe(3);
  expect(segmentDistance(13, 4, 0, 0, 10, 0)).toBe(5);
  expect(segmentDistance(3, 4, 0, 0, 0, 0)).toBe(5);
});

test('the view fits the bounds, zooms about a point, pans, and reveals a point off the canvas', () => {
  const v = fitView(layout.bounds, 1000, 600);
  const tl = { x: layout.bounds.minX * v.scale + v.tx, y: layout.bounds.minY * v.scale + v.ty };
  const br = { x: layout.bounds.maxX * v.scale + v.tx, y: layout.bounds.maxY * v.scale + v.ty };
  expect(tl.x).toBeGreaterThanOrEqual(23.9);
  expect(tl.y).toBeGreaterThanOrEqual(23.9);
  expect(br.x).toBeLessThanOrEqual(976.1);
  expect(br.y).toBeLessThanOrEqual(576.1);

  const before = toWorld(v, 300, 200);
  const z = zoomAt(v, 3, 300, 200);
  const after = toWorld(z, 300, 200);
  expect(after.x).toBeCloseTo(before.x, 6);
  expect(after.y).toBeCloseTo(before.y, 6);
  expect(zoomAt(v, 1e9, 0, 0).scale).toBe(MAX_SCALE);
  expect(zoomAt(v, 1e-9, 0, 0).scale).toBe(MIN_SCALE);
  expect(panBy(v, 10, -5)).toEqual({ scale: v.scale, tx: v.tx + 10, ty: v.ty - 5 });

  const far = { x: (2000 - v.tx) / v.scale, y: (300 - v.ty) / v.scale };
  const shown = reveal(v, far.x, far.y, 1000, 600);
  expect(far.x * shown.scale + shown.tx).toBeCloseTo(960, 6);
  expect(reveal(shown, far.x, far.y, 1000, 600)).toBe(shown);
});
