import { syntheticListing } from '../../../bench/syntheticListing';
import { layoutGraph } from './layout';
import { buildGraph, parseListing } from './model';

const big = () => buildGraph(parseListing(syntheticListing({ containers: 500, groups: 50, conversations: 2000 })), { collapsed: new Set(), violationsOnly: false });

test('places every node at a finite point, the same every time', () => {
  const graph = big();
  const a = layoutGraph(graph);
  const b = layoutGraph(big());
  expect(a.x).toHaveLength(graph.nodes.length);
  for (let i = 0; i < graph.nodes.length; i++) {
    expect(Number.isFinite(a.x[i]) && Number.isFinite(a.y[i]) && a.r[i] > 0).toBe(true);
  }
  expect([...a.x]).toEqual([...b.x]);
  expect([...a.y]).toEqual([...b.y]);
});

test('members sit inside their group, groups do not overlap, nodes of a group do not overlap', () => {
  const graph = big();
  const layout = layoutGraph(graph);
  graph.clusters.forEach((cluster, k) => {
    const c = layout.clusters[k];
    for (let i = cluster.first; i < cluster.first + cluster.count; i++) {
      expect(Math.hypot(layout.x[i] - c.cx, layout.y[i] - c.cy) + layout.r[i]).toBeLessThanOrEqual(c.radius);
      for (let j = cluster.first; j < i; j++) {
        expect(Math.hypot(layout.x[i] - layout.x[j], layout.y[i] - layout.y[j])).toBeGreaterThanOrEqual(layout.r[i] + layout.r[j]);
      }
    }
    for (let m = 0; m < k; m++) {
      const o = layout.clusters[m];
      expect(Math.hypot(c.cx - o.cx, c.cy - o.cy)).toBeGreaterThan(c.radius + o.radius);
    }
  });
});

test('the bounds hold every cluster; an empty graph has empty bounds', () => {
  const layout = layoutGraph(big());
  for (const c of layout.clusters) {
    expect(c.cx - c.radius).toBeGreaterThanOrEqual(layout.bounds.minX);
    expect(c.cx + c.radius).toBeLessThanOrEqual(layout.bounds.maxX);
    expect(c.cy - c.radius).toBeGreaterThanOrEqual(layout.bounds.minY);
    expect(c.cy + c.radius).toBeLessThanOrEqual(layout.bounds.maxY);
  }
  const empty = layoutGraph(buildGraph(parseListing({}), { collapsed: new Set(), violationsOnly: false }));
  expect(empty.bounds).toEqual({ minX: 0, minY: 0, maxX: 0, maxY: 0 });
});

test('a collapsed group is one node at its cluster centre', () => {
  const graph = buildGraph(parseListing(syntheticListing({ containers: 40, groups: 4, conversations: 50 })), {
    collapsed: new Set(['nv.svc1.ns1']),
    violationsOnly: false,
  });
  const layout = layoutGraph(graph);
  const k = graph.clusters.findIndex((c) => c.name === 'nv.svc1.ns1');
  const i = graph.clusters[k].first;
  expect(graph.clusters[k].count).toBe(1);
  expect([layout.x[i], layout.y[i]]).toEqual([layout.clusters[k].cx, layout.clusters[k].cy]);
});
