import { describe, Legend, type Part } from './Legend';
import './charts.css';

/** One bar split into its parts by their share of the whole, with a legend. */
export function StackedBar({ parts, label }: { parts: Part[]; label: string }) {
  const total = parts.reduce((sum, p) => sum + Math.max(0, p.value), 0);
  let at = 0;
  return (
    <div className="stacked">
      <svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={`${label}: ${describe(parts)}`}>
        <rect className="chart-track" x="0" y="0" width="100" height="10" rx="2" />
        {total > 0 &&
          parts.map((p) => {
            const width = (Math.max(0, p.value) / total) * 100;
            const rect = <rect key={p.key} x={at} y="0" width={width} height="10" fill={p.color} />;
            at += width;
            return rect;
          })}
      </svg>
      <Legend parts={parts} label={label} />
    </div>
  );
}
