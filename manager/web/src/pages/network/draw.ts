import type { Graph, GraphEdge, GraphNode, Verdict } from './model';
import type { Layout } from './layout';
import { visibleWorld, type View } from './view';

// Draws the graph on a 2D context: edges grouped by verdict and width (each its own short path: one path of
// thousands of crossing lines costs a software rasteriser far more), nodes in one path per colour, what is off the
// canvas skipped, node labels only when zoomed in enough to read them. The marks (selection, focus) are drawn
// apart, over the rest, so that a renderer may keep the rest as a picture, and the rest may be drawn in steps
// spread over frames. No state here.

export interface Palette {
  background: string;
  cluster: string;
  clusterBorder: string;
  text: string;
  muted: string;
  allowed: string;
  violation: string;
  denied: string;
  focus: string;
  accent: string;
  discover: string;
  monitor: string;
  protect: string;
  quarantined: string;
  inactive: string;
  node: string;
  external: string;
  address: string;
  /** The page's root font size in CSS pixels: labels follow it (the console's type grows on large screens). */
  fontSize: number;
}

type Colour = Exclude<keyof Palette, 'fontSize'>;

/** The CSS variable (styles.css) each colour comes from, so the graph follows the light and the dark theme. */
export const PALETTE_VARIABLES: Record<Colour, string> = {
  background: '--panel',
  cluster: '--panel-2',
  clusterBorder: '--border',
  text: '--text',
  muted: '--muted',
  allowed: '--ok',
  violation: '--warn',
  denied: '--danger',
  focus: '--focus',
  accent: '--accent',
  discover: '--discover',
  monitor: '--monitor',
  protect: '--protect',
  quarantined: '--danger',
  inactive: '--low',
  node: '--info',
  external: '--accent',
  address: '--low',
};

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const entries = Object.entries(PALETTE_VARIABLES).map(([key, variable]) => [key, style.getPropertyValue(variable).trim() || '#888']);
  const fontSize = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return { ...(Object.fromEntries(entries) as Record<Colour, string>), fontSize: fontSize > 0 ? fontSize : 14 };
}

/** The part of CanvasRenderingContext2D the graph uses. */
export type Context2D = Pick<
  CanvasRenderingContext2D,
  'setTransform' | 'fillRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'arc' | 'stroke' | 'fill' | 'fillText' | 'strokeText'
> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  strokeStyle: CanvasRenderingContext2D['strokeStyle'];
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
};

export interface Marks {
  selectedNode: number;
  selectedEdge: number;
  focusedNode: number;
}

export const NO_MARKS: Marks = { selectedNode: -1, selectedEdge: -1, focusedNode: -1 };

export interface Frame {
  view: View;
  /** CSS pixels, and device pixels per CSS pixel. */
  width: number;
  height: number;
  dpr: number;
}

const WIDTHS = [1, 1.75, 2.5, 3.5];
const VERDICTS: Verdict[] = ['allowed', 'violation', 'denied'];
const MAX_NODE_LABELS = 400;
/** Node labels appear once a node is this many CSS pixels wide. */
const LABEL_MIN_RADIUS = 5;

/** Each edge's width level (index into WIDTHS): by its bytes, on a log scale against the largest. */
export function edgeWidthLevels(edges: GraphEdge[]): Uint8Array {
  const levels = new Uint8Array(edges.length);
  const largest = Math.log1p(edges.reduce((m, e) => Math.max(m, e.bytes), 0));
  if (largest === 0) return levels;
  edges.forEach((e, k) => {
    levels[k] = Math.min(WIDTHS.length - 1, Math.floor((Math.log1p(e.bytes) / largest) * WIDTHS.length));
  });
  return levels;
}

export function edgeWidth(level: number): number {
  return WIDTHS[level] ?? 1;
}

export function nodeColor(node: GraphNode, palette: Palette): string {
  if (node.kind === 'group') return palette.accent;
  if (node.kind === 'node') return palette.node;
  if (node.kind === 'external') return palette.external;
  if (node.kind === 'address') return palette.address;
  const state = node.endpoint?.state ?? '';
  if (state === 'quarantined') return palette.quarantined;
  if (state === 'exit' || state === 'unmanaged') return palette.inactive;
  switch (node.endpoint?.policy_mode) {
    case 'Discover':
      return palette.discover;
    case 'Monitor':
      return palette.monitor;
    case 'Protect':
      return palette.protect;
    default:
      return palette.inactive;
  }
}

export interface Scene {
  graph: Graph;
  layout: Layout;
  widthLevels: Uint8Array;
  /** The node indexes of each edge's ends: from at 2k, to at 2k + 1. */
  ends: Int32Array;
}

export function makeScene(graph: Graph, layout: Layout): Scene {
  const ends = new Int32Array(graph.edges.length * 2);
  graph.edges.forEach((e, k) => {
    ends[2 * k] = graph.index.get(e.from) ?? -1;
    ends[2 * k + 1] = graph.index.get(e.to) ?? -1;
  });
  return { graph, layout, widthLevels: edgeWidthLevels(graph.edges), ends };
}

/** The whole graph with its marks. */
export function drawGraph(ctx: Context2D, scene: Scene, frame: Frame, palette: Palette, marks: Marks): void {
  drawBase(ctx, scene, frame, palette);
  drawMarks(ctx, scene, frame, palette, marks);
}

type InView = (x: number, y: number, r: number) => boolean;

function inViewOf({ view, width, height }: Frame): InView {
  const seen = visibleWorld(view, width, height);
  return (x, y, r) => x + r >= seen.minX && x - r <= seen.maxX && y + r >= seen.minY && y - r <= seen.maxY;
}

function worldTransform(ctx: Context2D, { view, dpr }: Frame) {
  ctx.setTransform(dpr * view.scale, 0, 0, dpr * view.scale, dpr * view.tx, dpr * view.ty);
}

/** A part of the picture, and roughly what it costs a software rasteriser, in edges' worth. */
export interface DrawStep {
  part: 'background' | 'clusters' | 'edges' | 'nodes' | 'labels';
  cost: number;
  draw: (ctx: Context2D) => void;
}

/** Edges per step: each is its own stroke, the bulk of a picture's cost. */
const EDGES_PER_STEP = 100;
/** What the other steps cost, in edges' worth (measured in headless chromium, software rendering). */
const BACKGROUND_COST = 60;
/** The clusters may cover the whole picture, zoomed in. */
const CLUSTERS_COST = 100;
const NODE_COST = 0.4;
const LABEL_COST = 0.3;
/** An edge drawn thin, one CSS pixel: a third of a wide one's cost (most are wide). */
const THIN_EDGE_COST = 0.35;

/** Background, clusters, edges, nodes and labels: everything but the marks. */
export function drawBase(ctx: Context2D, scene: Scene, frame: Frame, palette: Palette): void {
  for (const step of baseSteps(scene, frame, palette)) step.draw(ctx);
}

/**
 * The same as {@link drawBase}, in steps that may be drawn in separate frames, in order, each setting the state it
 * needs: background, clusters, the edges a hundred at a time, the nodes a colour at a time, the labels. Quick, every edge is drawn
 * one pixel wide, whatever its bytes: for a picture shown while the view moves.
 */
export function baseSteps(scene: Scene, frame: Frame, palette: Palette, quick = false): DrawStep[] {
  const inView = inViewOf(frame);
  const steps: DrawStep[] = [
    { part: 'background', cost: BACKGROUND_COST, draw: (ctx) => drawBackground(ctx, frame, palette) },
    { part: 'clusters', cost: CLUSTERS_COST, draw: (ctx) => drawClusters(ctx, scene.layout, frame, inView, palette) },
  ];
  const edges = edgesInView(scene, inView);
  for (let first = 0; first < edges.length; first += EDGES_PER_STEP) {
    const some = edges.subarray(first, first + EDGES_PER_STEP);
    steps.push({ part: 'edges', cost: some.length * (quick ? THIN_EDGE_COST : 1), draw: (ctx) => drawEdges(ctx, scene, frame, some, palette, quick) });
  }
  let nodeCount = 0;
  for (const [color, nodes] of nodesByColor(scene, inView, palette)) {
    steps.push({ part: 'nodes', cost: nodes.length * NODE_COST, draw: (ctx) => drawNodes(ctx, scene, frame, color, nodes, palette) });
    nodeCount += nodes.length;
  }
  steps.push({ part: 'labels', cost: Math.min(nodeCount, MAX_NODE_LABELS) * LABEL_COST, draw: (ctx) => drawLabels(ctx, scene, frame, inView, palette) });
  return steps;
}

function drawBackground(ctx: Context2D, { width, height, dpr }: Frame, palette: Palette) {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
}

function drawClusters(ctx: Context2D, layout: Layout, frame: Frame, inView: InView, palette: Palette) {
  worldTransform(ctx, frame);
  ctx.globalAlpha = 1;
  ctx.beginPath();
  for (const c of layout.clusters) {
    if (!inView(c.cx, c.cy, c.radius)) continue;
    ctx.moveTo(c.cx + c.radius, c.cy);
    ctx.arc(c.cx, c.cy, c.radius, 0, 2 * Math.PI);
  }
  ctx.fillStyle = palette.cluster;
  ctx.fill();
  ctx.strokeStyle = palette.clusterBorder;
  ctx.lineWidth = 1 / frame.view.scale;
  ctx.stroke();
}

/** The selected edge, the selected node's edges and ring, and the keyboard focus's ring. */
export function drawMarks(ctx: Context2D, scene: Scene, frame: Frame, palette: Palette, marks: Marks): void {
  const { graph, layout, ends } = scene;
  const { x, y, r } = layout;
  const scale = frame.view.scale;
  worldTransform(ctx, frame);
  ctx.globalAlpha = 1;
  const highlighted: number[] = [];
  for (let k = 0; k < graph.edges.length; k++) {
    const a = ends[2 * k];
    const b = ends[2 * k + 1];
    if (a < 0 || b < 0) continue;
    if (k === marks.selectedEdge || (marks.selectedNode >= 0 && (a === marks.selectedNode || b === marks.selectedNode))) highlighted.push(k);
  }
  if (highlighted.length) {
    ctx.beginPath();
    for (const k of highlighted) {
      ctx.moveTo(x[ends[2 * k]], y[ends[2 * k]]);
      ctx.lineTo(x[ends[2 * k + 1]], y[ends[2 * k + 1]]);
    }
    ctx.strokeStyle = palette.accent;
    ctx.lineWidth = 3 / scale;
    ctx.stroke();
  }
  const ring = (i: number, color: string, widthPx: number) => {
    if (i < 0 || i >= graph.nodes.length) return;
    ctx.beginPath();
    ctx.arc(x[i], y[i], r[i] + 3 / scale, 0, 2 * Math.PI);
    ctx.strokeStyle = color;
    ctx.lineWidth = widthPx / scale;
    ctx.stroke();
  };
  ring(marks.selectedNode, palette.accent, 3);
  ring(marks.focusedNode, palette.focus, 2);
}

/** The edges with a part in view, in the order they are drawn: by verdict, then width. */
function edgesInView({ graph, layout, widthLevels, ends }: Scene, inView: InView): Int32Array {
  const { x, y } = layout;
  const buckets: number[][] = Array.from({ length: VERDICTS.length * WIDTHS.length }, () => []);
  for (let k = 0; k < graph.edges.length; k++) {
    const a = ends[2 * k];
    const b = ends[2 * k + 1];
    if (a < 0 || b < 0) continue;
    if (!inView((x[a] + x[b]) / 2, (y[a] + y[b]) / 2, Math.hypot(x[a] - x[b], y[a] - y[b]) / 2)) continue;
    buckets[bucketOf(graph.edges[k].verdict, widthLevels[k])].push(k);
  }
  return Int32Array.from(buckets.flat());
}

function bucketOf(verdict: Verdict, widthLevel: number): number {
  return VERDICTS.indexOf(verdict) * WIDTHS.length + widthLevel;
}

// Each edge is its own short path: one path of many crossing thick lines costs a software rasteriser far more
// (measured: a path a bucket, 6 times slower; 16 edges a path, twice) than as many strokes.
function drawEdges(ctx: Context2D, { graph, layout, widthLevels, ends }: Scene, frame: Frame, edges: Int32Array, palette: Palette, thin: boolean) {
  const { x, y } = layout;
  worldTransform(ctx, frame);
  let bucket = -1;
  for (const k of edges) {
    const verdict = graph.edges[k].verdict;
    if (bucketOf(verdict, widthLevels[k]) !== bucket) {
      bucket = bucketOf(verdict, widthLevels[k]);
      // allowed first and fainter, so that violations and denials stay on top
      ctx.globalAlpha = verdict === 'allowed' ? 0.55 : 0.95;
      ctx.strokeStyle = palette[verdict];
      ctx.lineWidth = (thin ? 1 : WIDTHS[widthLevels[k]]) / frame.view.scale;
    }
    ctx.beginPath();
    ctx.moveTo(x[ends[2 * k]], y[ends[2 * k]]);
    ctx.lineTo(x[ends[2 * k + 1]], y[ends[2 * k + 1]]);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

function nodesByColor({ graph, layout }: Scene, inView: InView, palette: Palette): Map<string, number[]> {
  const { x, y, r } = layout;
  const byColor = new Map<string, number[]>();
  graph.nodes.forEach((node, i) => {
    if (!inView(x[i], y[i], r[i])) return;
    const color = nodeColor(node, palette);
    const list = byColor.get(color);
    if (list) list.push(i);
    else byColor.set(color, [i]);
  });
  return byColor;
}

function drawNodes(ctx: Context2D, { layout }: Scene, frame: Frame, color: string, nodes: number[], palette: Palette) {
  const { x, y, r } = layout;
  worldTransform(ctx, frame);
  ctx.globalAlpha = 1;
  ctx.beginPath();
  for (const i of nodes) {
    ctx.moveTo(x[i] + r[i], y[i]);
    ctx.arc(x[i], y[i], r[i], 0, 2 * Math.PI);
  }
  ctx.fillStyle = color;
  ctx.fill();
  // a rim of the background keeps a node apart from the edges under it, often of the same colour
  ctx.strokeStyle = palette.background;
  ctx.lineWidth = 1.5 / frame.view.scale;
  ctx.stroke();
}

function drawLabels(ctx: Context2D, { graph, layout }: Scene, { view, dpr }: Frame, inView: InView, palette: Palette) {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  const sx = (wx: number) => wx * view.scale + view.tx;
  const sy = (wy: number) => wy * view.scale + view.ty;
  // each label over a halo of the background, readable over the edges
  const label = (text: string, x: number, y: number) => {
    ctx.strokeText(text, x, y);
    ctx.fillText(text, x, y);
  };
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.strokeStyle = palette.background;
  ctx.lineWidth = palette.fontSize * 0.22;
  ctx.font = `600 ${Math.round(palette.fontSize * 0.92)}px system-ui, sans-serif`;
  ctx.fillStyle = palette.text;
  graph.clusters.forEach((cluster, k) => {
    const c = layout.clusters[k];
    if (c.radius * view.scale < 10 || !inView(c.cx, c.cy, c.radius)) return;
    label(cluster.name, sx(c.cx), sy(c.cy - c.radius) - palette.fontSize * 0.3);
  });
  ctx.font = `${Math.round(palette.fontSize * 0.85)}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.fillStyle = palette.text;
  let labels = 0;
  for (let i = 0; i < graph.nodes.length && labels < MAX_NODE_LABELS; i++) {
    const r = layout.r[i];
    if (r * view.scale < LABEL_MIN_RADIUS || !inView(layout.x[i], layout.y[i], r)) continue;
    label(graph.nodes[i].label, sx(layout.x[i]), sy(layout.y[i] + r) + palette.fontSize * 0.15);
    labels++;
  }
}
