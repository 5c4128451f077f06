import type { ReactNode } from 'react';
import { Link } from '../../router';

/** A group's name, opening the group. */
export function GroupLink({ name }: { name: string }) {
  if (!name) return <span className="muted">–</span>;
  return (
    <Link to="/policy/groups" params={{ name }}>
      {name}
    </Link>
  );
}

export function ActionBadge({ action }: { action: string }) {
  return <span className={`badge ${action === 'deny' ? 'deny' : 'allow'}`}>{action}</span>;
}

/** Short texts as tags (applications, actions, groups). */
export function Tags({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="muted">–</span>;
  return (
    <>
      {items.map((t, i) => (
        <span key={i} className="tag">
          {t}
        </span>
      ))}
    </>
  );
}

/**
 * A button inside a table row that opens on Enter or click: its own click and keys stay with it, so pressing it
 * does not also open the row.
 */
export function RowButton({ label, onClick, danger, disabled, children }: { label: string; onClick: () => void; danger?: boolean; disabled?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      className={danger ? 'danger' : undefined}
      aria-label={label}
      disabled={disabled}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      {children}
    </button>
  );
}
