import { syntheticListing } from '../../../bench/syntheticListing';
import { makeScene, NO_MARKS, type Frame } from './draw';
import { layoutGraph } from './layout';
import { buildGraph, parseListing } from './model';
import { palette, recorder } from './recorder.test-util';
import { GraphRenderer, type Layer } from './renderer';
import { fitView, panBy, zoomAt } from './view';

const graph = buildGraph(parseListing(syntheticListing({ containers: 100, groups: 10, conversations: 300 })), { collapsed: new Set(), violationsOnly: false });
const scene = makeScene(graph, layoutGraph(graph));
const size = { width: 1000, height: 600, dpr: 2 };
const fitted = fitView(scene.layout.bounds, size.width, size.height);

/** A renderer whose pictures are recording contexts, and the sizes it asked for. */
function setup() {
  const layers: { width: number; height: number; painted: () => number }[] = [];
  const renderer = new GraphRenderer((width, height) => {
    const r = recorder();
    layers.push({ width, height, painted: () => r.paints.length });
    return { canvas: { width, height } as Layer['canvas'], ctx: r.ctx };
  });
  const screen = recorder();
  const render = (frame: Partial<Frame>) => renderer.render(screen.ctx, scene, { ...size, view: fitted, ...frame }, palette, NO_MARKS);
  return { renderer, layers, screen, render };
}

test('draws the picture once, a quarter larger on each side, then pans by copying it', () => {
  const { layers, screen, render } = setup();
  expect(render({})).toBe('drawn');
  expect(layers).toHaveLength(1);
  expect(layers[0]).toMatchObject({ width: 2 * 1500, height: 2 * 900 });
  const painted = layers[0].painted();
  expect(painted).toBeGreaterThan(0);
  expect(screen.images.at(-1)).toEqual({ transform: [2, 0, 0, 2, -500, -300], width: 1500, height: 900 });

  expect(render({ view: panBy(fitted, 100.3, -50) })).toBe('reused');
  expect(layers[0].painted()).toBe(painted);
  // unscaled copies land on whole device pixels
  expect(screen.images.at(-1)?.transform).toEqual([2, 0, 0, 2, -500 + 201, -300 - 100]);
  // on the screen itself only the copy and the marks: no edge, no node
  expect(screen.paints.filter((p) => p.lines > 0 || p.arcs > 0)).toEqual([]);
});

test('zooming within 1.5 times scales the copy; past it, or off the picture, draws again', () => {
  const { renderer, layers, screen, render } = setup();
  render({});
  const painted = layers[0].painted();
  expect(render({ view: zoomAt(fitted, 1.4, 500, 300) })).toBe('reused');
  expect(screen.images.at(-1)?.transform[0]).toBeCloseTo(2 * 1.4, 9);
  expect(renderer.blurred).toBe(true);
  expect(layers[0].painted()).toBe(painted);

  expect(render({ view: zoomAt(fitted, 1.6, 500, 300) })).toBe('drawn');
  expect(renderer.blurred).toBe(false);
  expect(render({ view: panBy(zoomAt(fitted, 1.6, 500, 300), 260, 0) })).toBe('drawn');
  // zoomed out 1.4 times, the copy still covers the canvas, with 35 pixels to spare on each side
  const out = zoomAt(panBy(zoomAt(fitted, 1.6, 500, 300), 260, 0), 1 / 1.4, 500, 300);
  expect(render({ view: out })).toBe('reused');
  expect(render({ view: panBy(out, 30, 0) })).toBe('reused');
  expect(render({ view: panBy(out, 40, 0) })).toBe('drawn');
  expect(layers).toHaveLength(1);
});

test('a new graph, palette, size or an invalidation draws again; no picture to be had draws straight on the screen', () => {
  const { renderer, layers, screen, render } = setup();
  render({});
  expect(render({ width: 900 })).toBe('drawn');
  expect(layers).toHaveLength(2);
  renderer.invalidate();
  expect(render({ width: 900 })).toBe('drawn');
  expect(renderer.render(screen.ctx, makeScene(graph, scene.layout), { ...size, width: 900, view: fitted }, palette, NO_MARKS)).toBe('drawn');
  expect(renderer.render(screen.ctx, scene, { ...size, width: 900, view: fitted }, { ...palette }, NO_MARKS)).toBe('drawn');

  const direct = recorder();
  const none = new GraphRenderer(() => null);
  expect(none.render(direct.ctx, scene, { ...size, view: fitted }, palette, NO_MARKS)).toBe('direct');
  expect(direct.paints.some((p) => p.op === 'stroke' && p.style === 'allowed')).toBe(true);
});

test('the marks are drawn over the copy at every frame', () => {
  const { renderer, screen } = setup();
  const i = graph.index.get('c00004')!;
  const marks = { selectedNode: i, selectedEdge: -1, focusedNode: -1 };
  renderer.render(screen.ctx, scene, { ...size, view: fitted }, palette, marks);
  renderer.render(screen.ctx, scene, { ...size, view: panBy(fitted, 10, 10) }, palette, marks);
  expect(screen.paints.filter((p) => p.style === 'accent' && p.arcs === 1)).toHaveLength(2);
});
