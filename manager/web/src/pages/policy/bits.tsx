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
