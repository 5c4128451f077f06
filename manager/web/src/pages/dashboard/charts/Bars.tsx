import type { Part } from './Legend';
import './charts.css';

/** Horizontal bars, one per part, scaled to the largest (or to max); names with an href are links. */
export function Bars({ parts, label, max }: { parts: Part[]; label: string; max?: number }) {
  const top = Math.max(max ?? 0, ...parts.map((p) => p.value), 1);
  return (
    <dl className="bars" aria-label={label}>
      {parts.map((p) => (
        <div key={p.key} style={{ display: 'contents' }}>
          <dt>{p.href ? <a href={p.href}>{p.label}</a> : p.label}</dt>
          <dd aria-hidden="true">
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
              <rect className="chart-track" x="0" y="0" width="100" height="10" rx="2" />
              <rect x="0" y="0" width={(Math.max(0, p.value) / top) * 100} height="10" rx="2" fill={p.color} />
            </svg>
          </dd>
          <dd className="num">{p.value}</dd>
        </div>
      ))}
    </dl>
  );
}
