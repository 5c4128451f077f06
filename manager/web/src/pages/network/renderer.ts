import { baseSteps, drawGraph, drawMarks, type Context2D, type DrawStep, type Frame, type Marks, type Palette, type Scene } from './draw';
import type { View } from './view';

// Panning and zooming redraw nothing: the graph without its marks is kept as a picture a quarter larger than the
// canvas on each side, and a frame copies it moved and scaled, then draws the marks over it. A new picture is begun
// when the view nears the picture's edge or zooms past 1.25 times its scale, when the graph, colours or size
// change, and, by the caller, once the view is still (a scaled copy is a little blurred). A new picture is drawn
// on a second layer a few steps a frame (drawing all 2,000 edges at once takes a software rasteriser longer than a
// frame), while the frames go on copying the old one, and replaces it once complete. A picture begun because the
// view moved is drawn quick (thin edges, three times cheaper), to be drawn in full once the view is still.

export interface Layer {
  canvas: CanvasImageSource & { width: number; height: number };
  ctx: Context2D;
  /** Makes the layer finish what it was told to draw, now rather than when it is next copied. */
  flush: () => void;
}

export type LayerFactory = (deviceWidth: number, deviceHeight: number) => Layer | null;

export type BlitContext = Context2D & Pick<CanvasRenderingContext2D, 'drawImage'>;

/** How much larger than the canvas the picture is, on each side, as a share of the canvas's width or height. */
const MARGIN = 0.25;
/** A new picture is begun once the view is scaled by this (or its inverse) against the shown one... */
const ZOOM_RENEW = 1.25;
/** ...or once less than this share of the margin is left on a side. */
const MARGIN_RENEW = 0.5;
/** What a frame draws of a new picture, in edges' worth (DrawStep.cost): two steps of wide edges, 5-10 ms here. */
export const FRAME_BUDGET = 200;

export function canvasLayer(deviceWidth: number, deviceHeight: number): Layer | null {
  const canvas = document.createElement('canvas');
  canvas.width = deviceWidth;
  canvas.height = deviceHeight;
  const ctx = canvas.getContext('2d', { alpha: false });
  // a one-pixel read makes chromium draw what it has recorded for the canvas
  return ctx ? { canvas, ctx, flush: () => void ctx.getImageData(0, 0, 1, 1) } : null;
}

interface Picture {
  layer: Layer;
  scene: Scene;
  palette: Palette;
  view: View;
  width: number;
  height: number;
  dpr: number;
  mx: number;
  my: number;
  quick: boolean;
}

/** A part of a new picture to draw, or other work for the renderer, and its cost (DrawStep.cost). */
type Task = Pick<DrawStep, 'cost' | 'draw'>;

interface Build {
  picture: Picture;
  steps: Task[];
  next: number;
}

/** 'drawn': a new picture was completed and shown; 'partial': one is being drawn; 'reused': a picture was copied. */
export type Rendered = 'drawn' | 'partial' | 'reused' | 'direct';

export class GraphRenderer {
  private shown: Picture | null = null;
  private build: Build | null = null;
  /** The layer of the picture last replaced, drawn on again by the next build. */
  private spare: Layer | null = null;
  private stale = false;
  private scaled = false;
  /** What the screen shows, when it was last drawn by a copy: a frame that would show the same copies nothing. */
  private onScreen: { ctx: BlitContext; picture: Picture; scene: Scene; frame: Frame; marks: Marks } | null = null;

  constructor(
    private readonly makeLayer: LayerFactory = canvasLayer,
    private readonly budget = FRAME_BUDGET,
  ) {}

  /** Whether the last frame showed the picture scaled, or a quick one: worth drawing again once the view is still. */
  get blurred(): boolean {
    return this.scaled || this.onScreen?.picture.quick === true;
  }

  /** Whether a picture is being drawn: the caller renders again at the next frame. */
  get pending(): boolean {
    return this.build !== null;
  }

  /** Draws a new picture of the current view, showing the old one meanwhile. */
  invalidate(): void {
    this.stale = true;
  }

  render(ctx: BlitContext, scene: Scene, frame: Frame, palette: Palette, marks: Marks): Rendered {
    if (this.build && !sameGraph(this.build.picture, scene, frame, palette)) {
      // a picture of a graph, colours or size no longer wanted: its layer is drawn on again
      this.spare ??= this.build.picture.layer;
      this.build = null;
    }
    if (!this.build && (this.stale || !this.current(scene, frame, palette))) {
      const moved = !this.stale && this.shown !== null && sameGraph(this.shown, scene, frame, palette);
      if (!this.begin(scene, frame, palette, moved)) {
        drawGraph(ctx, scene, frame, palette, marks);
        this.scaled = false;
        this.onScreen = null;
        return 'direct';
      }
    }
    let rendered: Rendered = 'reused';
    if (this.build) rendered = this.continue() ? 'drawn' : 'partial';
    // until the first picture is complete, its parts show as they are drawn
    const picture = this.shown ?? this.build!.picture;
    const last = this.onScreen;
    const unchanged =
      last?.ctx === ctx && last.picture === picture && last.scene === scene && sameFrame(last.frame, frame) && sameMarks(last.marks, marks);
    if (rendered === 'partial' && this.shown && unchanged) return rendered;
    this.blit(ctx, picture, frame, palette);
    if (picture.scene === scene) drawMarks(ctx, scene, frame, palette, marks);
    this.onScreen = { ctx, picture, scene, frame, marks };
    return rendered;
  }

  /** Whether the shown picture is of this graph and still good for this view. */
  private current(scene: Scene, frame: Frame, palette: Palette): boolean {
    const p = this.shown;
    if (!p || !sameGraph(p, scene, frame, palette)) return false;
    const k = frame.view.scale / p.view.scale;
    if (k > ZOOM_RENEW || k < 1 / ZOOM_RENEW) return false;
    const spare = coverage(p, frame);
    return Math.min(spare.left, spare.right) >= p.mx * MARGIN_RENEW * k && Math.min(spare.top, spare.bottom) >= p.my * MARGIN_RENEW * k;
  }

  private begin(scene: Scene, frame: Frame, palette: Palette, quick: boolean): boolean {
    const mx = Math.ceil(frame.width * MARGIN);
    const my = Math.ceil(frame.height * MARGIN);
    const deviceWidth = Math.round((frame.width + 2 * mx) * frame.dpr);
    const deviceHeight = Math.round((frame.height + 2 * my) * frame.dpr);
    const fits = (layer: Layer | null | undefined) => !!layer && layer.canvas.width === deviceWidth && layer.canvas.height === deviceHeight;
    const layer = fits(this.spare) ? this.spare : this.makeLayer(deviceWidth, deviceHeight);
    this.spare = null;
    if (!layer) return false;
    const view = frame.view;
    const whole = { view: { scale: view.scale, tx: view.tx + mx, ty: view.ty + my }, width: frame.width + 2 * mx, height: frame.height + 2 * my, dpr: frame.dpr };
    const steps: Task[] = baseSteps(scene, whole, palette, quick);
    // a new canvas costs its first drawing ~100 ms in headless chromium: the second layer of a size is made while
    // the first picture of that size is drawn, not when the view first moves
    if (!fits(this.shown?.layer)) {
      steps.push({
        cost: this.budget,
        draw: () => {
          this.spare = this.prepared(deviceWidth, deviceHeight);
        },
      });
    }
    const picture = { layer, scene, palette, view, width: frame.width, height: frame.height, dpr: frame.dpr, mx, my, quick };
    this.build = { picture, steps, next: 0 };
    this.stale = false;
    return true;
  }

  private prepared(deviceWidth: number, deviceHeight: number): Layer | null {
    const layer = this.makeLayer(deviceWidth, deviceHeight);
    layer?.ctx.fillRect(0, 0, 1, 1);
    layer?.flush();
    return layer;
  }

  /** Draws the next steps of the new picture, at least one, within the budget; true once it is complete and shown. */
  private continue(): boolean {
    const build = this.build!;
    const ctx = build.picture.layer.ctx;
    let spent = 0;
    while (build.next < build.steps.length && (spent === 0 || spent + build.steps[build.next].cost <= this.budget)) {
      const step = build.steps[build.next++];
      step.draw(ctx);
      spent += Math.max(step.cost, 1);
    }
    build.picture.layer.flush();
    if (build.next < build.steps.length) return false;
    const old = this.shown?.layer;
    const layer = build.picture.layer;
    if (old && old.canvas.width === layer.canvas.width && old.canvas.height === layer.canvas.height) this.spare = old;
    this.shown = build.picture;
    this.build = null;
    return true;
  }

  private blit(ctx: BlitContext, p: Picture, frame: Frame, palette: Palette) {
    const k = frame.view.scale / p.view.scale;
    const spare = coverage(p, frame);
    if (Math.min(spare.left, spare.top, spare.right, spare.bottom) < 0) {
      // the view has left the picture before its successor is ready: what it does not cover is blank
      ctx.setTransform(frame.dpr, 0, 0, frame.dpr, 0, 0);
      ctx.globalAlpha = 1;
      ctx.fillStyle = palette.background;
      ctx.fillRect(0, 0, frame.width, frame.height);
    }
    let left = frame.dpr * (frame.view.tx - (p.view.tx + p.mx) * k);
    let top = frame.dpr * (frame.view.ty - (p.view.ty + p.my) * k);
    this.scaled = k !== 1;
    if (!this.scaled) {
      left = Math.round(left);
      top = Math.round(top);
    }
    ctx.setTransform(frame.dpr * k, 0, 0, frame.dpr * k, left, top);
    ctx.globalAlpha = 1;
    ctx.drawImage(p.layer.canvas, 0, 0, p.width + 2 * p.mx, p.height + 2 * p.my);
  }
}

function sameFrame(a: Frame, b: Frame): boolean {
  return a.view.scale === b.view.scale && a.view.tx === b.view.tx && a.view.ty === b.view.ty && a.width === b.width && a.height === b.height && a.dpr === b.dpr;
}

function sameMarks(a: Marks, b: Marks): boolean {
  return a.selectedNode === b.selectedNode && a.selectedEdge === b.selectedEdge && a.focusedNode === b.focusedNode;
}

function sameGraph(p: Picture, scene: Scene, frame: Frame, palette: Palette): boolean {
  return p.scene === scene && p.palette === palette && p.width === frame.width && p.height === frame.height && p.dpr === frame.dpr;
}

/** How far, in CSS pixels, the picture reaches past each side of the canvas (negative: it falls short). */
function coverage(p: Picture, frame: Frame) {
  const k = frame.view.scale / p.view.scale;
  const left = -(frame.view.tx - (p.view.tx + p.mx) * k);
  const top = -(frame.view.ty - (p.view.ty + p.my) * k);
  return { left, top, right: (p.width + 2 * p.mx) * k - left - frame.width, bottom: (p.height + 2 * p.my) * k - top - frame.height };
}
