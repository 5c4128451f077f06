import { drawBase, drawGraph, drawMarks, type Context2D, type Frame, type Marks, type Palette, type Scene } from './draw';
import type { View } from './view';

// Panning and zooming redraw nothing: the graph without its marks is kept as a picture a quarter larger than the
// canvas on each side, and a frame copies it moved and scaled, then draws the marks over it. The picture is drawn
// again when the view leaves it, zooms past 1.5 times its scale, or the graph, colours or size change; and, by
// the caller, once the view is still (a scaled copy is a little blurred).

export interface Layer {
  canvas: CanvasImageSource & { width: number; height: number };
  ctx: Context2D;
}

export type LayerFactory = (deviceWidth: number, deviceHeight: number) => Layer | null;

export type BlitContext = Context2D & Pick<CanvasRenderingContext2D, 'drawImage'>;

/** How much larger than the canvas the picture is, on each side, as a share of the canvas's width or height. */
const MARGIN = 0.25;
/** The picture is scaled by at most this (or its inverse) before it is drawn again. */
const ZOOM_REUSE = 1.5;

export function canvasLayer(deviceWidth: number, deviceHeight: number): Layer | null {
  const canvas = document.createElement('canvas');
  canvas.width = deviceWidth;
  canvas.height = deviceHeight;
  const ctx = canvas.getContext('2d', { alpha: false });
  return ctx ? { canvas, ctx } : null;
}

interface Picture {
  scene: Scene;
  palette: Palette;
  view: View;
  width: number;
  height: number;
  dpr: number;
  mx: number;
  my: number;
}

export type Rendered = 'drawn' | 'reused' | 'direct';

export class GraphRenderer {
  private layer: Layer | null = null;
  private picture: Picture | null = null;
  private scaled = false;

  constructor(private readonly makeLayer: LayerFactory = canvasLayer) {}

  /** Whether the last frame showed the picture scaled: worth drawing again once the view is still. */
  get blurred(): boolean {
    return this.scaled;
  }

  invalidate(): void {
    this.picture = null;
  }

  render(ctx: BlitContext, scene: Scene, frame: Frame, palette: Palette, marks: Marks): Rendered {
    let rendered: Rendered = 'reused';
    if (!this.reusable(scene, frame, palette)) {
      if (!this.draw(scene, frame, palette)) {
        drawGraph(ctx, scene, frame, palette, marks);
        this.scaled = false;
        return 'direct';
      }
      rendered = 'drawn';
    }
    const p = this.picture!;
    const k = frame.view.scale / p.view.scale;
    let left = frame.dpr * (frame.view.tx - (p.view.tx + p.mx) * k);
    let top = frame.dpr * (frame.view.ty - (p.view.ty + p.my) * k);
    this.scaled = k !== 1;
    if (!this.scaled) {
      left = Math.round(left);
      top = Math.round(top);
    }
    ctx.setTransform(frame.dpr * k, 0, 0, frame.dpr * k, left, top);
    ctx.globalAlpha = 1;
    ctx.drawImage(this.layer!.canvas, 0, 0, p.width + 2 * p.mx, p.height + 2 * p.my);
    drawMarks(ctx, scene, frame, palette, marks);
    return rendered;
  }

  private reusable(scene: Scene, frame: Frame, palette: Palette): boolean {
    const p = this.picture;
    if (!p || p.scene !== scene || p.palette !== palette || p.width !== frame.width || p.height !== frame.height || p.dpr !== frame.dpr) {
      return false;
    }
    const k = frame.view.scale / p.view.scale;
    if (k > ZOOM_REUSE || k < 1 / ZOOM_REUSE) return false;
    // where the picture's corners land on the canvas: it must cover all of it
    const left = frame.view.tx - (p.view.tx + p.mx) * k;
    const top = frame.view.ty - (p.view.ty + p.my) * k;
    return left <= 0 && top <= 0 && left + (p.width + 2 * p.mx) * k >= frame.width && top + (p.height + 2 * p.my) * k >= frame.height;
  }

  private draw(scene: Scene, frame: Frame, palette: Palette): boolean {
    const mx = Math.ceil(frame.width * MARGIN);
    const my = Math.ceil(frame.height * MARGIN);
    const deviceWidth = Math.round((frame.width + 2 * mx) * frame.dpr);
    const deviceHeight = Math.round((frame.height + 2 * my) * frame.dpr);
    if (!this.layer || this.layer.canvas.width !== deviceWidth || this.layer.canvas.height !== deviceHeight) {
      this.layer = this.makeLayer(deviceWidth, deviceHeight);
    }
    if (!this.layer) return false;
    const view = frame.view;
    drawBase(
      this.layer.ctx,
      scene,
      { view: { scale: view.scale, tx: view.tx + mx, ty: view.ty + my }, width: frame.width + 2 * mx, height: frame.height + 2 * my, dpr: frame.dpr },
      palette,
    );
    this.picture = { scene, palette, view, width: frame.width, height: frame.height, dpr: frame.dpr, mx, my };
    return true;
  }
}
