import { PALETTE_VARIABLES, type Palette } from './draw';
import type { BlitContext } from './renderer';

// For the drawing tests: jsdom has no canvas, so a context that records what is painted stands in for one.

/** Each colour is its own name, so that what was drawn in which colour can be read back. */
export const palette: Palette = { ...(Object.fromEntries(Object.keys(PALETTE_VARIABLES).map((k) => [k, k])) as Omit<Palette, 'fontSize'>), fontSize: 14 };

export interface Paint {
  op: 'stroke' | 'fill';
  style: string;
  width: number;
  alpha: number;
  lines: number;
  arcs: number;
}

/** A 2D context that records what is painted: each stroke and fill with its style and the path's parts. */
export function recorder() {
  const paints: Paint[] = [];
  const texts: string[] = [];
  let lines = 0;
  let arcs = 0;
  const images: { source: unknown; transform: number[]; width: number; height: number }[] = [];
  let transform: number[] = [1, 0, 0, 1, 0, 0];
  const ctx: BlitContext = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    setTransform: ((...args: number[]) => void (transform = args)) as BlitContext['setTransform'],
    drawImage: ((source: unknown, _: number, __: number, width: number, height: number) =>
      void images.push({ source, transform, width, height })) as BlitContext['drawImage'],
    fillRect: () => undefined,
    beginPath: () => {
      lines = 0;
      arcs = 0;
    },
    moveTo: () => undefined,
    lineTo: () => void lines++,
    arc: () => void arcs++,
    stroke: () => void paints.push({ op: 'stroke', style: String(ctx.strokeStyle), width: ctx.lineWidth, alpha: ctx.globalAlpha, lines, arcs }),
    fill: () => void paints.push({ op: 'fill', style: String(ctx.fillStyle), width: ctx.lineWidth, alpha: ctx.globalAlpha, lines, arcs }),
    fillText: (text: string) => void texts.push(text),
    strokeText: () => undefined,
  };
  return { ctx, paints, texts, images };
}

