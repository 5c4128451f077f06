import type { ReactNode } from 'react';
import { describe, Legend, type Part } from './Legend';
import './charts.css';

const RADIUS = 40;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * A ring split into its parts; with total, the parts fill their share of it and the rest is track (a gauge).
 * center is the text in the middle. Without the legend, label alone names the chart (say what it shows in it).
 */
export function Donut({
  parts,
  label,
  total,
  center,
  sub,
  legend = true,
}: {
  parts: Part[];
  label: string;
  total?: number;
  center?: ReactNode;
  sub?: string;
  legend?: boolean;
}) {
  const sum = parts.reduce((s, p) => s + Math.max(0, p.value), 0);
  const whole = Math.max(total ?? sum, sum, 1e-9);
  let at = 0;
  return (
    <div className="donut">
      <svg viewBox="0 0 100 100" role="img" aria-label={legend ? `${label}: ${describe(parts)}` : label}>
        <circle cx="50" cy="50" r={RADIUS} fill="none" className="donut-track" strokeWidth="14" />
        {parts.map((p) => {
          const length = (Math.max(0, p.value) / whole) * CIRCUMFERENCE;
          const arc = (
            <circle
              key={p.key}
              cx="50"
              cy="50"
              r={RADIUS}
              fill="none"
              stroke={p.color}
              strokeWidth="14"
              strokeDasharray={`${length} ${CIRCUMFERENCE - length}`}
              strokeDashoffset={-at}
              transform="rotate(-90 50 50)"
            />
          );
          at += length;
          return arc;
        })}
        {center !== undefined && (
          <text x="50" y={sub ? 50 : 55} textAnchor="middle" className="donut-center">
            {center}
          </text>
        )}
        {sub && (
          <text x="50" y="64" textAnchor="middle" className="donut-sub">
            {sub}
          </text>
        )}
      </svg>
      {legend && <Legend parts={parts} label={label} />}
    </div>
  );
}
