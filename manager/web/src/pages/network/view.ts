import type { Bounds } from './layout';

/** Where the world is on the canvas: screen = world * scale + (tx, ty), in CSS pixels. */
export interface View {
  scale: number;
  tx: number;
  ty: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 8;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The view showing all of bounds inside a width x height canvas, centred, with a margin in pixels. */
export function fitView(bounds: Bounds, width: number, height: number, margin = 24): View {
  const w = Math.max(1, bounds.maxX - bounds.minX);
  const h = Math.max(1, bounds.maxY - bounds.minY);
  // a small graph is not blown up past 3 times
  const scale = clampScale(Math.min((width - 2 * margin) / w, (height - 2 * margin) / h, 3));
  return {
    scale,
    tx: width / 2 - ((bounds.minX + bounds.maxX) / 2) * scale,
    ty: height / 2 - ((bounds.minY + bounds.maxY) / 2) * scale,
  };
}

/** Zooms by factor keeping the screen point (sx, sy) over the same world point. */
export function zoomAt(view: View, factor: number, sx: number, sy: number): View {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { scale, tx: sx - (sx - view.tx) * k, ty: sy - (sy - view.ty) * k };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, tx: view.tx + dx, ty: view.ty + dy };
}

export function toWorld(view: View, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - view.tx) / view.scale, y: (sy - view.ty) / view.scale };
}

/** The world rectangle a width x height canvas shows. */
export function visibleWorld(view: View, width: number, height: number): Bounds {
  const a = toWorld(view, 0, 0);
  const b = toWorld(view, width, height);
  return { minX: a.x, minY: a.y, maxX: b.x, maxY: b.y };
}

/** The view moved just enough that the world point (x, y) is inside the canvas, with a margin. */
export function reveal(view: View, x: number, y: number, width: number, height: number, margin = 40): View {
  const sx = x * view.scale + view.tx;
  const sy = y * view.scale + view.ty;
  const dx = sx < margin ? margin - sx : sx > width - margin ? width - margin - sx : 0;
  const dy = sy < margin ? margin - sy : sy > height - margin ? height - margin - sy : 0;
  // under half a pixel is rounding, not a move
  return Math.abs(dx) >= 0.5 || Math.abs(dy) >= 0.5 ? panBy(view, dx, dy) : view;
}
