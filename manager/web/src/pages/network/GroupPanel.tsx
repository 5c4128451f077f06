import type { Endpoint } from './model';
import { SidePanel } from './SidePanel';

/** A collapsed group, drawn as one node: its members, and expanding it. */
export function GroupPanel({ name, members, onExpand, onSelectMember, onClose }: {
  name: string;
  members: Endpoint[];
  onExpand: () => void;
  onSelectMember: (e: Endpoint) => void;
  onClose: () => void;
}) {
  return (
    <SidePanel label={`Group ${name}`} title={name} what="group" onClose={onClose}>
      <div className="actions nw-actions">
        <button type="button" onClick={onExpand}>
          Expand group {name}
        </button>
      </div>
      <h3>Members ({members.length})</h3>
      <ul className="nw-links">
        {members.map((m) => (
          <li key={m.id}>
            <button type="button" className="link" onClick={() => onSelectMember(m)}>
              {m.name}
            </button>{' '}
            <span className="muted">{m.state}</span>
          </li>
        ))}
      </ul>
    </SidePanel>
  );
}
