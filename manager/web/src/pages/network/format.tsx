import type { Verdict } from './model';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

const VERDICT_TEXT: Record<Verdict, string> = { allowed: 'Allowed', violation: 'Violation', denied: 'Denied' };

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span className={`badge nw-verdict-${verdict}`}>{VERDICT_TEXT[verdict]}</span>;
}
