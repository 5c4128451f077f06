export type PolicyMode = 'Discover' | 'Monitor' | 'Protect';

export function ModeBadge({ mode }: { mode?: string }) {
  if (!mode) return <span className="badge muted">–</span>;
  return <span className={`badge mode-${mode.toLowerCase()}`}>{mode}</span>;
}

export function SeverityBadge({ severity }: { severity?: string }) {
  const s = (severity || 'Unknown').toLowerCase();
  return <span className={`badge sev-${s}`}>{severity || 'Unknown'}</span>;
}

/** A time from the controller: seconds since the epoch, or an RFC 3339 text. */
export function Time({ value }: { value?: number | string }) {
  if (value === undefined || value === '' || value === 0) return <span className="muted">–</span>;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{String(value)}</span>;
  return <time dateTime={date.toISOString()}>{date.toLocaleString()}</time>;
}
