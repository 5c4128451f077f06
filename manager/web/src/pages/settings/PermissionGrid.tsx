import type { PermissionOption, RolePermission } from './types';

// What NeuVector's console calls each permission id.
const TITLES: Record<string, string> = {
  config: 'Cluster configuration',
  authentication: 'Authentication',
  authorization: 'Users and roles',
  ci_scan: 'CI scan',
  reg_scan: 'Registry scan',
  rt_scan: 'Runtime scan',
  rt_policy: 'Runtime policy',
  admctrl: 'Admission control',
  compliance: 'Compliance',
  vulnerability: 'Vulnerability',
  events: 'Events',
  audit_events: 'Audit events',
  security_events: 'Security events',
};

export const permissionTitle = (id: string) => TITLES[id] ?? id;

/** A permission the role holds, as the grid reads and writes it: write implies read. */
function grantOf(permissions: RolePermission[], id: string): RolePermission {
  return permissions.find((p) => p.id === id) ?? { id, read: false, write: false };
}

/** Read and write per permission; the role's permissions are those with either box ticked. */
export function PermissionGrid({ options, permissions, onChange, disabled }: {
  options: PermissionOption[];
  permissions: RolePermission[];
  onChange: (permissions: RolePermission[]) => void;
  disabled: boolean;
}) {
  const set = (id: string, read: boolean, write: boolean) => {
    const others = permissions.filter((p) => p.id !== id);
    const next = read || write ? [...others, { id, read: read || write, write }] : others;
    // kept in the options' order, so that the body sent is stable
    onChange(options.map((o) => next.find((p) => p.id === o.id)).filter((p): p is RolePermission => p !== undefined));
  };
  return (
    <table className="settings-grid" aria-label="Permissions">
      <thead>
        <tr>
          <th scope="col">Permission</th>
          <th scope="col" className="check">Read</th>
          <th scope="col" className="check">Write</th>
        </tr>
      </thead>
      <tbody>
        {options.map((o) => {
          const grant = grantOf(permissions, o.id);
          const title = permissionTitle(o.id);
          return (
            <tr key={o.id}>
              <th scope="row">
                {title} <span className="muted mono">{o.id}</span>
              </th>
              <td className="check">
                <input
                  type="checkbox"
                  aria-label={`${title} read`}
                  checked={grant.read || grant.write}
                  disabled={disabled || !o.read_supported || grant.write}
                  onChange={(e) => set(o.id, e.target.checked, grant.write)}
                />
              </td>
              <td className="check">
                <input
                  type="checkbox"
                  aria-label={`${title} write`}
                  checked={grant.write}
                  disabled={disabled || !o.write_supported}
                  onChange={(e) => set(o.id, grant.read || e.target.checked, e.target.checked)}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
