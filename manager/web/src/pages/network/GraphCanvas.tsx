import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { NO_MARKS, readPalette, type Marks, type Palette, type Scene } from './draw';
import { GraphRenderer } from './renderer';
import { edgeAt, NodeGrid } from './hitTest';
import { fitView, panBy, reveal, toWorld, zoomAt, type View } from './view';

export interface GraphCanvasProps {
  scene: Scene;
  selectedNode: number;
  selectedEdge: number;
  onSelectNode: (index: number) => void;
  onSelectEdge: (index: number) => void;
  onClear: () => void;
  /** The view is fitted again when it changes (other filters); a refresh keeps the view. */
  fitKey: string;
  /** Bumped by the page's Fit button. */
  fitRequest: number;
}

const ZOOM_STEP = 1.25;
const PAN_STEP = 60;
/** A press that moves less than this is a click, not a drag (CSS pixels). */
const CLICK_SLOP = 4;
const FALLBACK_SIZE = { width: 800, height: 500 };
/** A picture shown scaled is drawn sharp again once the view has been still this long. */
const SETTLE_MS = 150;

/**
 * The graph on a canvas: drag to pan, wheel or + and - to zoom, 0 to fit; Tab and the arrow keys go from node to
 * node, Enter selects, Escape clears. It draws in an animation frame only after something changed, or while the
 * {@link GraphRenderer} (which keeps the graph as a picture while the view moves) is drawing a new picture.
 */
export function GraphCanvas(props: GraphCanvasProps) {
  const { scene } = props;
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = useRef<View>({ scale: 1, tx: 0, ty: 0 });
  const size = useRef(FALLBACK_SIZE);
  const palette = useRef<Palette | null>(null);
  const pending = useRef(0);
  const renderer = useRef(new GraphRenderer());
  const settle = useRef(0);
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);
  const [focused, setFocused] = useState(-1);
  const grid = useMemo(() => new NodeGrid(scene.layout), [scene.layout]);

  // the latest props and marks for the frame callback, which outlives renders
  const latest = useRef({ scene, marks: NO_MARKS as Marks });
  latest.current = { scene, marks: { selectedNode: props.selectedNode, selectedEdge: props.selectedEdge, focusedNode: focused } };

  const paint = () => {
    pending.current = 0;
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    palette.current ??= readPalette(element);
    const { width, height } = size.current;
    const dpr = window.devicePixelRatio || 1;
    if (element.width !== Math.round(width * dpr) || element.height !== Math.round(height * dpr)) {
      element.width = Math.round(width * dpr);
      element.height = Math.round(height * dpr);
    }
    renderer.current.render(ctx, latest.current.scene, { view: view.current, width, height, dpr }, palette.current, latest.current.marks);
    window.clearTimeout(settle.current);
    if (renderer.current.pending) schedule();
    else if (renderer.current.blurred) {
      settle.current = window.setTimeout(() => {
        renderer.current.invalidate();
        schedule();
      }, SETTLE_MS);
    }
  };
  const schedule = () => {
    if (!pending.current) pending.current = requestAnimationFrame(paint);
  };
  const setView = (next: View) => {
    view.current = next;
    schedule();
  };
  const fit = () => setView(fitView(latest.current.scene.layout.bounds, size.current.width, size.current.height));

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const width = element.clientWidth || FALLBACK_SIZE.width;
      const height = element.clientHeight || FALLBACK_SIZE.height;
      const before = size.current;
      if (width === before.width && height === before.height) return;
      size.current = { width, height };
      // what was in the middle stays there (a side panel opening narrows the canvas)
      view.current = panBy(view.current, (width - before.width) / 2, (height - before.height) / 2);
      schedule();
    };
    measure();
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    resize?.observe(element);
    // the theme is an attribute of <html>: read the colours again when it changes
    const theme = new MutationObserver(() => {
      palette.current = null;
      schedule();
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = element.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      setView(zoomAt(view.current, Math.exp(-delta * 0.0015), e.clientX - rect.left, e.clientY - rect.top));
    };
    element.addEventListener('wheel', wheel, { passive: false });
    return () => {
      resize?.disconnect();
      theme.disconnect();
      element.removeEventListener('wheel', wheel);
      cancelAnimationFrame(pending.current);
      window.clearTimeout(settle.current);
      pending.current = 0;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fit, [props.fitKey, props.fitRequest]);
  useEffect(schedule);

  const point = (e: { clientX: number; clientY: number }) => {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { ...point(e), view: view.current, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = point(e);
    if (!d.moved && Math.hypot(p.x - d.x, p.y - d.y) < CLICK_SLOP) return;
    d.moved = true;
    setView(panBy(d.view, p.x - d.x, p.y - d.y));
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const p = point(e);
    const w = toWorld(view.current, p.x, p.y);
    const scale = view.current.scale;
    const node = grid.nodeAt(w.x, w.y, 4 / scale);
    if (node >= 0) return props.onSelectNode(node);
    const edge = edgeAt(scene.graph.edges, scene.graph.index, scene.layout, w.x, w.y, 5 / scale);
    if (edge >= 0) return props.onSelectEdge(edge);
    props.onClear();
  };

  const moveFocus = (step: number): boolean => {
    const count = scene.graph.nodes.length;
    const next = focused < 0 ? (step > 0 ? 0 : count - 1) : focused + step;
    if (count === 0 || next < 0 || next >= count) return false;
    setFocused(next);
    const { width, height } = size.current;
    setView(reveal(view.current, scene.layout.x[next], scene.layout.y[next], width, height));
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const { width, height } = size.current;
    let handled = true;
    if (e.key === '+' || e.key === '=') setView(zoomAt(view.current, ZOOM_STEP, width / 2, height / 2));
    else if (e.key === '-' || e.key === '_') setView(zoomAt(view.current, 1 / ZOOM_STEP, width / 2, height / 2));
    else if (e.key === '0') fit();
    else if (e.shiftKey && e.key.startsWith('Arrow')) {
      const dx = e.key === 'ArrowLeft' ? PAN_STEP : e.key === 'ArrowRight' ? -PAN_STEP : 0;
      const dy = e.key === 'ArrowUp' ? PAN_STEP : e.key === 'ArrowDown' ? -PAN_STEP : 0;
      setView(panBy(view.current, dx, dy));
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') moveFocus(1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') moveFocus(-1);
    // Tab walks the nodes, then leaves the canvas past the last (or, with Shift, the first) one
    else if (e.key === 'Tab') {
      handled = moveFocus(e.shiftKey ? -1 : 1);
      if (!handled) setFocused(-1);
    } else if ((e.key === 'Enter' || e.key === ' ') && focused >= 0) props.onSelectNode(focused);
    else if (e.key === 'Escape') props.onClear();
    else handled = false;
    if (handled) e.preventDefault();
  };

  const focusedNode = focused >= 0 ? scene.graph.nodes[focused] : undefined;
  return (
    <div className="nw-canvas-box" ref={box}>
      <canvas
        ref={canvas}
        className="nw-canvas"
        tabIndex={0}
        role="application"
        aria-roledescription="network graph"
        aria-label="Network graph"
        aria-describedby="nw-graph-help"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={onKeyDown}
        onBlur={() => setFocused(-1)}
      />
      <p id="nw-graph-help" className="nw-sr">
        Tab or the arrow keys move from node to node, Enter selects, Escape clears; plus and minus zoom, 0 fits,
        Shift with the arrows pans. The lists below hold the same nodes and conversations.
      </p>
      <p className="nw-sr" role="status" aria-label="Focused node">
        {focusedNode
          ? `${focusedNode.label}, group ${focusedNode.cluster}${focusedNode.endpoint?.state ? `, ${focusedNode.endpoint.state}` : ''}, ${focused + 1} of ${scene.graph.nodes.length}`
          : ''}
      </p>
    </div>
  );
}
