import type { ReactNode } from 'react';

/** The panel beside the graph for what was picked in it (a node, a group, a conversation), with its close button. */
export function SidePanel({ label, title, what, onClose, children }: { label: string; title: string; what: string; onClose: () => void; children: ReactNode }) {
  return (
    <section className="panel nw-panel" aria-label={label}>
      <header className="nw-panel-head">
        <h2>{title}</h2>
        <button type="button" className="icon" aria-label={`Close the ${what} panel`} onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </section>
  );
}
