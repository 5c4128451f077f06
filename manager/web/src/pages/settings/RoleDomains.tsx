// The roles of a user or an API key: its global role, and its roles in namespaces (NeuVector's role_domains:
// role -> namespaces).

export interface DomainRow {
  role: string;
  namespaces: string;
}

export type RoleDomains = Record<string, string[]>;

/** The global roles to choose from; "" is none: the account has only its namespace roles. */
export function roleOptions(roles: string[]) {
  return [{ value: '', title: 'none (namespace roles only)' }, ...roles.filter(Boolean).map((r) => ({ value: r }))];
}

export function rowsOf(domains: RoleDomains | undefined): DomainRow[] {
  return Object.entries(domains ?? {}).map(([role, namespaces]) => ({ role, namespaces: namespaces.join(', ') }));
}

/** The map the API takes: namespaces split on commas and spaces; a row without namespaces gives nothing. */
export function domainsOf(rows: DomainRow[]): RoleDomains {
  // a Map, then own properties: a role named like an Object member (__proto__) must stay a plain key
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const namespaces = row.namespaces.split(/[\s,]+/).filter(Boolean);
    if (row.role && namespaces.length) out.set(row.role, [...new Set([...(out.get(row.role) ?? []), ...namespaces])]);
  }
  return Object.fromEntries(out);
}

export function RoleDomainsEditor({ rows, roles, onChange, disabled }: {
  rows: DomainRow[];
  roles: string[];
  onChange: (rows: DomainRow[]) => void;
  disabled?: boolean;
}) {
  const set = (at: number, change: Partial<DomainRow>) => onChange(rows.map((r, i) => (i === at ? { ...r, ...change } : r)));
  return (
    <fieldset className="settings-domains">
      <legend>Roles in namespaces</legend>
      {rows.length === 0 && <p className="muted">No namespace roles.</p>}
      {rows.map((row, i) => (
        <div className="form-row" key={i}>
          <label>
            Namespace role {i + 1}
            <select value={row.role} disabled={disabled} onChange={(e) => set(i, { role: e.target.value })}>
              {[...new Set([row.role, ...roles])].map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            Namespaces for role {i + 1}
            <input value={row.namespaces} disabled={disabled} placeholder="default, team-a" onChange={(e) => set(i, { namespaces: e.target.value })} />
          </label>
          <button type="button" disabled={disabled} aria-label={`Remove namespace role ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" disabled={disabled || roles.length === 0} onClick={() => onChange([...rows, { role: roles[0] ?? '', namespaces: '' }])}>
        Add namespace role
      </button>
    </fieldset>
  );
}
