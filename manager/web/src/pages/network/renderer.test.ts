import { syntheticListing } from '../../../bench/syntheticListing';
import { makeScene, NO_MARKS, type Frame } from './draw';
import { layoutGraph } from './layout';
import { buildGraph, parseListing } from './model';
import { palette, recorder } from './recorder.test-util';
import { GraphRenderer, type Layer, type Rendered } from './renderer';
import { fitView, panBy, zoomAt } from './view';

const graph = buildGraph(parseListing(syntheticListing({ containers: 100, groups: 10, conversations: 300 })), { collapsed: new Set(), violationsOnly: false });
const scene = makeScene(graph, layoutGraph(graph));
const size = { width: 1000, height: 600, dpr: 2 };
const fitted = fitView(scene.layout.bounds, size.width, size.height);

/** A renderer whose pictures are recording contexts, the layers it asked for, and a screen that records too. */
function setup(budget = 150) {
  const layers: { canvas: Layer['canvas']; width: number; height: number; painted: () => number; flushes: () => number }[] = [];
  const renderer = new GraphRenderer((width, height) => {
    const r = recorder();
    let flushes = 0;
    const canvas = { width, height } as Layer['canvas'];
    layers.push({ canvas, width, height, painted: () => r.paints.length, flushes: () => flushes });
    return { canvas, ctx: r.ctx, flush: () => void flushes++ };
  }, budget);
  const screen = recorder();
  const render = (frame: Partial<Frame> = {}) => renderer.render(screen.ctx, scene, { ...size, view: fitted, ...frame }, palette, NO_MARKS);
  /** Renders frame after frame until a new picture is complete: what each frame returned. */
  const complete = (frame: Partial<Frame> = {}) => {
    const frames: Rendered[] = [render(frame)];
    while (frames.at(-1) === 'partial' && frames.length < 100) frames.push(render(frame));
    return frames;
  };
  return { renderer, layers, screen, render, complete };
}

test('draws the picture, a quarter larger on each side, a budget of steps a frame; then pans by copying it', () => {
  const { renderer, layers, screen, render, complete } = setup();
  const frames = complete();
  // 300 edges at most 150 a frame, and the background, nodes and labels
  expect(frames.length).toBeGreaterThanOrEqual(3);
  expect(frames.slice(0, -1).every((f) => f === 'partial')).toBe(true);
  expect(frames.at(-1)).toBe('drawn');
  expect(renderer.pending).toBe(false);
  // the second layer, for the next picture, is made (and drawn on once) in a frame of its own
  expect(layers).toHaveLength(2);
  expect(layers[0]).toMatchObject({ width: 2 * 1500, height: 2 * 900 });
  expect(layers[1]).toMatchObject({ width: 2 * 1500, height: 2 * 900 });
  expect(layers[0].flushes()).toBe(frames.length);
  expect(layers[1].flushes()).toBe(1);
  // with nothing shown yet, each frame shows the picture as far as it is drawn
  expect(screen.images).toHaveLength(frames.length);
  expect(screen.images.at(-1)).toEqual({ source: layers[0].canvas, transform: [2, 0, 0, 2, -500, -300], width: 1500, height: 900 });

  const painted = layers[0].painted();
  expect(render({ view: panBy(fitted, 100.3, -50) })).toBe('reused');
  expect(layers[0].painted()).toBe(painted);
  // unscaled copies land on whole device pixels
  expect(screen.images.at(-1)?.transform).toEqual([2, 0, 0, 2, -500 + 201, -300 - 100]);
  // on the screen itself only the copy and the marks: no edge, no node
  expect(screen.paints.filter((p) => p.lines > 0 || p.arcs > 0)).toEqual([]);
});

test('a new picture is drawn on a second layer while the old one is shown, and replaces it once complete', () => {
  const { renderer, layers, screen, render, complete } = setup();
  complete();
  const closer = zoomAt(fitted, 1.3, 500, 300);
  expect(render({ view: closer })).toBe('partial');
  expect(renderer.pending).toBe(true);
  expect(layers).toHaveLength(2);
  expect(screen.images.at(-1)?.source).toBe(layers[0].canvas);
  expect(screen.images.at(-1)?.transform[0]).toBeCloseTo(2 * 1.3, 9);
  const frames = complete({ view: closer });
  expect(frames.at(-1)).toBe('drawn');
  expect(screen.images.at(-1)).toEqual(expect.objectContaining({ source: layers[1].canvas, transform: [2, 0, 0, 2, expect.any(Number), expect.any(Number)] }));
  // the next one is drawn on the layer the last replaced
  complete({ view: zoomAt(closer, 1.3, 500, 300) });
  expect(layers).toHaveLength(2);
  expect(screen.images.at(-1)?.source).toBe(layers[0].canvas);
});

test('zooming within 1.25 times scales the copy; past it, or near the picture\'s edge, begins a new picture', () => {
  const { renderer, render, complete } = setup();
  complete();
  expect(render({ view: zoomAt(fitted, 1.2, 500, 300) })).toBe('reused');
  expect(renderer.blurred).toBe(true);
  expect(render({ view: zoomAt(fitted, 1 / 1.2, 500, 300) })).toBe('reused');
  expect(render({ view: zoomAt(fitted, 1.3, 500, 300) })).toBe('partial');

  const other = setup();
  other.complete();
  // the margins are 250 and 150 pixels a side; a new picture is begun with less than half of one left
  expect(other.render({ view: panBy(fitted, 120, -70) })).toBe('reused');
  expect(other.renderer.blurred).toBe(false);
  expect(other.render({ view: panBy(fitted, 0, -80) })).toBe('partial');
});

test('the view leaving the picture before the next is ready: the rest of the canvas is blank, not stale', () => {
  const { screen, render, complete } = setup();
  complete();
  const fills = () => screen.paints.length;
  const before = fills();
  let background = 0;
  screen.ctx.fillRect = () => void background++;
  expect(render({ view: panBy(fitted, 600, 0) })).toBe('partial');
  expect(background).toBe(1);
  expect(fills()).toBe(before);
});

test('a frame showing what the last one showed copies nothing while a picture is drawn', () => {
  const { screen, render, complete } = setup(50);
  complete();
  const closer = zoomAt(fitted, 1.3, 500, 300);
  expect(render({ view: closer })).toBe('partial');
  const copies = screen.images.length;
  expect(render({ view: closer })).toBe('partial');
  expect(screen.images).toHaveLength(copies);
  expect(render({ view: panBy(closer, 1, 0) })).toBe('partial');
  expect(screen.images).toHaveLength(copies + 1);
});

test('a new graph, palette, size or an invalidation draws again; no picture to be had draws straight on the screen', () => {
  const { renderer, layers, screen, complete } = setup();
  complete();
  expect(complete({ width: 900 }).at(-1)).toBe('drawn');
  expect(layers).toHaveLength(4);
  renderer.invalidate();
  expect(complete({ width: 900 }).at(-1)).toBe('drawn');
  expect(layers).toHaveLength(4);
  const other = makeScene(graph, scene.layout);
  expect(renderer.render(screen.ctx, other, { ...size, width: 900, view: fitted }, palette, NO_MARKS)).toBe('partial');
  // a picture begun for a graph that changed meanwhile is dropped for one of the new graph, on the same layer
  renderer.invalidate();
  expect(renderer.render(screen.ctx, scene, { ...size, width: 900, view: fitted }, palette, NO_MARKS)).toBe('partial');
  expect(renderer.render(screen.ctx, scene, { ...size, width: 900, view: fitted }, { ...palette }, NO_MARKS)).toBe('partial');
  expect(layers).toHaveLength(4);

  const direct = recorder();
  const none = new GraphRenderer(() => null);
  expect(none.render(direct.ctx, scene, { ...size, view: fitted }, palette, NO_MARKS)).toBe('direct');
  expect(direct.paints.some((p) => p.op === 'stroke' && p.style === 'allowed')).toBe(true);
});

test('the marks are drawn over the copy at every frame, never over a picture of another graph', () => {
  const { renderer, screen } = setup(1e9);
  const i = graph.index.get('c00004')!;
  const marks = { selectedNode: i, selectedEdge: -1, focusedNode: -1 };
  const ringed = () => screen.paints.filter((p) => p.style === 'accent' && p.arcs === 1).length;
  const copies = () => screen.images.length;
  do renderer.render(screen.ctx, scene, { ...size, view: fitted }, palette, marks);
  while (renderer.pending);
  expect(ringed()).toBe(copies());
  renderer.render(screen.ctx, scene, { ...size, view: panBy(fitted, 10, 10) }, palette, marks);
  expect(ringed()).toBe(copies());
  expect(copies()).toBeGreaterThanOrEqual(2);
  // another graph: the old picture is shown while the new one is drawn (with a budget of one step a frame)
  const slow = setup(1);
  slow.renderer.render(slow.screen.ctx, scene, { ...size, view: fitted }, palette, marks);
  while (slow.renderer.pending) slow.renderer.render(slow.screen.ctx, scene, { ...size, view: fitted }, palette, marks);
  const before = slow.screen.paints.length;
  const other = makeScene(graph, layoutGraph(graph));
  expect(slow.renderer.render(slow.screen.ctx, other, { ...size, view: fitted }, palette, marks)).toBe('partial');
  expect(slow.screen.images.at(-1)?.source).toBe(slow.layers[0].canvas);
  expect(slow.screen.paints.length).toBe(before);
});

test('a picture begun because the view moved is quick, its edges thin, and blurred until drawn in full when still', () => {
  const layers: ReturnType<typeof recorder>[] = [];
  const renderer = new GraphRenderer((width, height) => {
    const r = recorder();
    layers.push(r);
    return { canvas: { width, height } as Layer['canvas'], ctx: r.ctx, flush: () => undefined };
  }, 1e9);
  const screen = recorder();
  /** Renders until the new picture, if any, is complete. */
  const render = (view: typeof fitted) => {
    let rendered: Rendered;
    do rendered = renderer.render(screen.ctx, scene, { ...size, view }, palette, NO_MARKS);
    while (rendered === 'partial');
    return rendered;
  };
  const edgeWidths = (r: ReturnType<typeof recorder>, from = 0) =>
    new Set(r.paints.slice(from).filter((p) => p.style === 'allowed').map((p) => Math.round(p.width * closer.scale * 100) / 100));
  const closer = zoomAt(fitted, 1.5, 500, 300);

  expect(render(fitted)).toBe('drawn');
  expect(renderer.blurred).toBe(false);
  expect(render(closer)).toBe('drawn');
  expect(edgeWidths(layers[1])).toEqual(new Set([1]));
  expect(renderer.blurred).toBe(true);

  renderer.invalidate();
  const before = layers[0].paints.length;
  expect(render(closer)).toBe('drawn');
  expect(layers).toHaveLength(2);
  expect(edgeWidths(layers[0], before)).toEqual(new Set([1, 1.75, 2.5, 3.5]));
  expect(renderer.blurred).toBe(false);
});
