import { syntheticListing } from '../../../bench/syntheticListing';
import { baseSteps, drawBase, drawGraph, edgeWidthLevels, makeScene, NO_MARKS, nodeColor } from './draw';
import { palette, recorder, type Paint } from './recorder.test-util';
import { layoutGraph } from './layout';
import { buildGraph, parseListing, type GraphEdge } from './model';
import { fitView, panBy, zoomAt } from './view';


const graph = buildGraph(parseListing(syntheticListing({ containers: 500, groups: 50, conversations: 2000 })), { collapsed: new Set(), violationsOnly: false });
const scene = makeScene(graph, layoutGraph(graph));
const size = { width: 1200, height: 800, dpr: 1 };
const fitted = fitView(scene.layout.bounds, size.width, size.height);

const sum = (paints: Paint[], pick: (p: Paint) => boolean, field: 'lines' | 'arcs') => paints.filter(pick).reduce((n, p) => n + p[field], 0);
const nodeStyles = new Set(['discover', 'monitor', 'protect', 'quarantined', 'inactive', 'node', 'external', 'address', 'accent']);

test('fitted, it paints every node and every edge once, in the colour of its verdict; nodes in one path a colour', () => {
  const { ctx, paints, texts } = recorder();
  drawGraph(ctx, scene, { ...size, view: fitted }, palette, NO_MARKS);
  expect(sum(paints, (p) => p.op === 'fill' && nodeStyles.has(p.style), 'arcs')).toBe(graph.nodes.length);
  for (const verdict of ['allowed', 'violation', 'denied'] as const) {
    expect(sum(paints, (p) => p.op === 'stroke' && p.style === verdict, 'lines')).toBe(graph.edges.filter((e) => e.verdict === verdict).length);
  }
  expect(paints.filter((p) => p.op === 'fill' && nodeStyles.has(p.style)).length).toBeLessThanOrEqual(nodeStyles.size);
  // zoomed out: the clusters are named, the nodes not
  expect(texts).toEqual(expect.arrayContaining(['nv.svc0.ns0', 'external', 'nodes']));
  expect(texts.some((t) => t.startsWith('svc0-pod'))).toBe(false);
});

test('what is off the canvas is not painted', () => {
  const { ctx, paints, texts } = recorder();
  drawGraph(ctx, scene, { ...size, view: panBy(fitted, 1e6, 1e6) }, palette, NO_MARKS);
  expect(sum(paints, () => true, 'arcs')).toBe(0);
  expect(sum(paints, () => true, 'lines')).toBe(0);
  expect(texts).toEqual([]);
});

test('zoomed in, only the nodes in view are painted, with their names', () => {
  const { ctx, paints, texts } = recorder();
  const i = graph.index.get('c00000')!;
  const sx = scene.layout.x[i] * fitted.scale + fitted.tx;
  const sy = scene.layout.y[i] * fitted.scale + fitted.ty;
  drawGraph(ctx, scene, { ...size, view: zoomAt(fitted, 40, sx, sy) }, palette, NO_MARKS);
  const painted = sum(paints, (p) => p.op === 'fill' && nodeStyles.has(p.style), 'arcs');
  expect(painted).toBeGreaterThan(0);
  expect(painted).toBeLessThan(graph.nodes.length / 2);
  expect(texts).toContain('svc0-pod-0');
});

test('a selected node is ringed and its edges drawn again in the accent colour; the focused one is ringed', () => {
  const { ctx, paints } = recorder();
  const i = graph.index.get('c00003')!;
  const degree = graph.edges.filter((e) => e.from === 'c00003' || e.to === 'c00003').length;
  expect(degree).toBeGreaterThan(0);
  drawGraph(ctx, scene, { ...size, view: fitted }, palette, { selectedNode: i, selectedEdge: -1, focusedNode: 5 });
  expect(paints.filter((p) => p.op === 'stroke' && p.style === 'accent')).toEqual([
    expect.objectContaining({ lines: degree }),
    expect.objectContaining({ arcs: 1 }),
  ]);
  expect(paints.filter((p) => p.op === 'stroke' && p.style === 'focus')).toEqual([expect.objectContaining({ arcs: 1 })]);
});

test('edge widths grow with bytes on a log scale, and stay as wide on screen whatever the zoom', () => {
  const edge = (bytes: number) => ({ bytes }) as GraphEdge;
  expect([...edgeWidthLevels([edge(0), edge(10), edge(1000), edge(1e6), edge(1e9)])]).toEqual([0, 0, 1, 2, 3]);
  expect([...edgeWidthLevels([edge(0), edge(0)])]).toEqual([0, 0]);
  const near = recorder();
  const far = recorder();
  drawGraph(near.ctx, scene, { ...size, view: fitted }, palette, NO_MARKS);
  drawGraph(far.ctx, scene, { ...size, view: zoomAt(fitted, 2, 600, 400) }, palette, NO_MARKS);
  const widest = (paints: Paint[]) => Math.max(...paints.filter((p) => p.style === 'allowed').map((p) => p.width));
  expect(widest(far.paints)).toBeCloseTo(widest(near.paints) / 2, 9);
});

test('node colours: quarantined, inactive, then the policy mode; nodes, addresses, the outside, groups', () => {
  const at = (id: string) => graph.nodes[graph.index.get(id)!];
  expect(nodeColor(at('c00000'), palette)).toBe('quarantined');
  expect(nodeColor(at('c00001'), palette)).toBe('monitor');
  expect(nodeColor(at('c00002'), palette)).toBe('protect');
  expect(nodeColor(at('c00003'), palette)).toBe('discover');
  expect(nodeColor({ ...at('c00003'), endpoint: { ...at('c00003').endpoint!, state: 'exit' } }, palette)).toBe('inactive');
  expect(nodeColor(at('Host:node-a'), palette)).toBe('node');
  expect(nodeColor(at('external'), palette)).toBe('external');
  expect(nodeColor({ ...at('c00003'), kind: 'group' }, palette)).toBe('accent');
});

test('the picture in steps paints what it does at once, the edges a hundred a step, the nodes a colour, each step setting its own state', () => {
  const frame = { ...size, view: zoomAt(fitted, 1.5, 300, 300) };
  const whole = recorder();
  drawBase(whole.ctx, scene, frame, palette);
  const steps = baseSteps(scene, frame, palette);
  const stepped = recorder();
  // another drawing between the steps (as a frame copying the picture) changes nothing
  for (const step of steps) {
    Object.assign(stepped.ctx, { strokeStyle: 'x', fillStyle: 'x', lineWidth: 99, globalAlpha: 0.1 });
    stepped.ctx.setTransform(9, 0, 0, 9, 9, 9);
    step.draw(stepped.ctx);
  }
  // a fill's line width is no part of it
  const painted = (paints: Paint[]) => paints.map((p) => (p.op === 'fill' ? { ...p, width: 0 } : p));
  expect(painted(stepped.paints)).toEqual(painted(whole.paints));
  expect(stepped.texts).toEqual(whole.texts);
  expect(steps.map((s) => s.part).filter((part, k, all) => part !== all[k - 1])).toEqual(['background', 'clusters', 'edges', 'nodes', 'labels']);
  expect(steps.filter((s) => s.part === 'nodes').length).toBe(new Set(whole.paints.filter((p) => p.op === 'fill' && nodeStyles.has(p.style)).map((p) => p.style)).size);
  const edgeSteps = steps.filter((s) => s.part === 'edges');
  const strokedEdges = sum(whole.paints, (p) => p.op === 'stroke' && ['allowed', 'violation', 'denied'].includes(p.style), 'lines');
  expect(edgeSteps.length).toBe(Math.ceil(strokedEdges / 100));
  expect(edgeSteps.reduce((n, s) => n + s.cost, 0)).toBe(strokedEdges);
  expect(Math.max(...edgeSteps.map((s) => s.cost))).toBe(100);
  expect(steps.every((s) => s.cost > 0)).toBe(true);
});
