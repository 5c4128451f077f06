import { useEffect, useRef, type ReactNode } from 'react';
import './DetailPanel.css';

/**
 * The panel of one thing opened from a list: it takes the focus when it opens (and when another thing is opened in
 * it), so that a keyboard user who pressed Enter on a row goes on from the details, not from the list.
 */
export function DetailPanel({ label, focusKey, children }: { label: string; focusKey: string; children: ReactNode }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), [focusKey]);
  return (
    <section className="panel detail" aria-label={label} tabIndex={-1} ref={panel}>
      {children}
    </section>
  );
}
