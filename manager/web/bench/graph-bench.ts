// The network page's graph modules (model, layout, draw, renderer, view) in a real browser, without React or a
// controller: a synthetic graph is built and laid out on load; then, when dev.bulwark.bench.ConsoleGraphBench asks
// through window.graphBench, it is drawn from scratch at a set of views (a new picture over as many frames as the
// renderer takes, frame after frame), and panned and zoomed on every animation frame for a while, as GraphCanvas
// draws it. A failure to set up is in window.benchError.
import '../src/styles.css';
import { makeScene, NO_MARKS, readPalette } from '../src/pages/network/draw';
import { layoutGraph } from '../src/pages/network/layout';
import { buildGraph, parseListing } from '../src/pages/network/model';
import { canvasLayer, FRAME_BUDGET, GraphRenderer } from '../src/pages/network/renderer';
import { fitView, zoomAt, type View } from '../src/pages/network/view';
import { syntheticListing } from './syntheticListing';

interface Figures {
  p50: number;
  p95: number;
  max: number;
}

export interface Setup {
  containers: number;
  groups: number;
  conversations: number;
  nodes: number;
  edges: number;
  clusters: number;
  width: number;
  height: number;
  dpr: number;
  buildMs: number;
  layoutMs: number;
}

export interface Animation {
  seconds: number;
  frames: number;
  /** Frames that drew part of a new picture (the view neared the picture's edge or zoomed past it)... */
  redrawn: number;
  /** ...and the new pictures completed. */
  pictures: number;
  /** Between animation frames: what a user sees. */
  interval: Figures;
  /** Each frame's drawing, canvas flushed (a 1-pixel read). */
  frame: Figures;
}

/** What the driver calls, one phase at a time, so that it can read the browser's CPU time around each. */
export interface FullDraws {
  /** Each frame's drawing, canvas flushed: a part of the new picture, and the copy of the picture shown. */
  frame: Figures;
  /** Frames until the new picture is complete, and their drawing time in all. */
  frames: Figures;
  total: Figures;
}

export interface GraphBench {
  setup: Setup;
  /** Draws a new picture of the graph n times at views across the swing, frame after frame until complete. */
  fullDraws: (n: number) => FullDraws;
  /** Pans and zooms on every animation frame for a while. */
  animate: (seconds: number) => Promise<Animation>;
}

declare global {
  interface Window {
    graphBench?: GraphBench;
    benchError?: string;
  }
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

function prepare(): GraphBench {
  const params = new URLSearchParams(location.search);
  const number = (name: string, fallback: number) => Number(params.get(name) ?? fallback);
  const size = { containers: number('containers', 500), groups: number('groups', 50), conversations: number('conversations', 2000) };
  if (params.get('theme') === 'dark') document.documentElement.dataset.theme = 'dark';

  const canvas = document.getElementById('graph') as HTMLCanvasElement;
  const width = number('width', 1600);
  const height = number('height', 1000);
  const dpr = window.devicePixelRatio || 1;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');

  const body = syntheticListing(size);
  const t0 = performance.now();
  const graph = buildGraph(parseListing(body), { collapsed: new Set(), violationsOnly: false });
  const t1 = performance.now();
  const scene = makeScene(graph, layoutGraph(graph));
  const t2 = performance.now();
  const palette = readPalette(canvas);
  const fitted = fitView(scene.layout.bounds, width, height);
  const renderer = new GraphRenderer(canvasLayer, number('budget', FRAME_BUDGET));

  // a slow circle of the centre while the zoom swings between the whole graph and 8 times closer
  const viewAt = (t: number): View => {
    const zoom = Math.exp(Math.log(8) * (0.5 - 0.5 * Math.cos(t * 1.3)));
    const panned = { ...fitted, tx: fitted.tx + 300 * Math.cos(t * 0.7), ty: fitted.ty + 200 * Math.sin(t * 0.7) };
    return zoomAt(panned, zoom, width / 2, height / 2);
  };
  const frame = (view: View) => {
    const before = performance.now();
    const rendered = renderer.render(ctx, scene, { view, width, height, dpr }, palette, NO_MARKS);
    ctx.getImageData(0, 0, 1, 1);
    return { rendered, ms: performance.now() - before };
  };

  const fullDraws = (n: number): FullDraws => {
    const times: number[] = [];
    const counts: number[] = [];
    const totals: number[] = [];
    for (let i = 0; i < n; i++) {
      renderer.invalidate();
      const view = viewAt((i * 4.8) / n);
      let count = 0;
      let total = 0;
      for (let rendered = ''; rendered !== 'drawn' && rendered !== 'direct'; count++) {
        const drawn = frame(view);
        rendered = drawn.rendered;
        times.push(drawn.ms);
        total += drawn.ms;
      }
      counts.push(count);
      totals.push(total);
    }
    return { frame: figures(times), frames: figures(counts), total: figures(totals) };
  };

  const animate = (seconds: number) =>
    new Promise<Animation>((resolve) => {
      const intervals: number[] = [];
      const work: number[] = [];
      let redrawn = 0;
      let pictures = 0;
      let start = -1;
      let last = -1;
      const tick = (now: number) => {
        if (start < 0) start = now;
        else intervals.push(now - last);
        last = now;
        const drawn = frame(viewAt((now - start) / 1000));
        work.push(drawn.ms);
        if (drawn.rendered !== 'reused') redrawn++;
        if (drawn.rendered === 'drawn') pictures++;
        if (now - start < seconds * 1000) requestAnimationFrame(tick);
        else resolve({ seconds: (now - start) / 1000, frames: work.length, redrawn, pictures, interval: figures(intervals), frame: figures(work) });
      };
      requestAnimationFrame(tick);
    });

  // ?still=ZOOM draws one frame at that zoom of the fitted view, to look at (a screenshot)
  const still = params.get('still');
  if (still) {
    const view = zoomAt(fitted, Number(still), width / 2, height / 2);
    do renderer.render(ctx, scene, { view, width, height, dpr }, palette, NO_MARKS);
    while (renderer.pending);
  }

  const setup: Setup = {
    ...size,
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    clusters: graph.clusters.length,
    width,
    height,
    dpr,
    buildMs: t1 - t0,
    layoutMs: t2 - t1,
  };
  return { setup, fullDraws, animate };
}

try {
  window.graphBench = prepare();
} catch (e) {
  window.benchError = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
}
