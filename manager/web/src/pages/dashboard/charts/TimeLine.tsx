import { Legend, type Part } from './Legend';
import './charts.css';

/** A series of a time line: its name, colour and where its legend entry leads. */
export interface Series {
  key: string;
  label: string;
  color: string;
  href?: string;
}

/** A span of time and how many of each series fell in it. */
export interface Bucket {
  /** Seconds since the epoch. */
  start: number;
  counts: Record<string, number>;
}

const WIDTH = 480;
const HEIGHT = 160;
const TICK_EVERY = 6;

/**
 * Stacked columns over time, one per bucket, with hours under them and the series' totals in the legend. The
 * drawing stretches to its box, so its text (the hours, the peak) is HTML around it, never stretched.
 */
export function TimeLine({ buckets, series, label }: { buckets: Bucket[]; series: Series[]; label: string }) {
  const totals = buckets.map((b) => series.reduce((s, x) => s + (b.counts[x.key] ?? 0), 0));
  const top = Math.max(1, ...totals);
  const step = WIDTH / Math.max(1, buckets.length);
  const parts: Part[] = series.map((s) => ({
    ...s,
    value: buckets.reduce((sum, b) => sum + (b.counts[s.key] ?? 0), 0),
  }));
  const summary = `${label}: ${parts.map((p) => `${p.label} ${p.value}`).join(', ')}; at most ${top} in one bucket`;
  return (
    <div className="timeline">
      <p className="timeline-peak" aria-hidden="true">
        Peak {top}
      </p>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} preserveAspectRatio="none">
        <line className="chart-axis" x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} vectorEffect="non-scaling-stroke" />
        {buckets.map((b, i) => {
          let y = HEIGHT;
          return (
            <g key={b.start}>
              <title>{`${hour(b.start)}: ${series.map((s) => `${s.label} ${b.counts[s.key] ?? 0}`).join(', ')}`}</title>
              {series.map((s) => {
                const h = ((b.counts[s.key] ?? 0) / top) * HEIGHT;
                y -= h;
                return h > 0 ? <rect key={s.key} x={i * step + 1} y={y} width={Math.max(1, step - 2)} height={h} fill={s.color} /> : null;
              })}
            </g>
          );
        })}
      </svg>
      <div className="timeline-hours" aria-hidden="true">
        {buckets.map((b, i) =>
          i % TICK_EVERY === 0 ? (
            <span key={b.start} style={{ left: `${(i / Math.max(1, buckets.length)) * 100}%` }}>
              {hour(b.start)}
            </span>
          ) : null,
        )}
      </div>
      <Legend parts={parts} label={label} />
    </div>
  );
}

function hour(seconds: number): string {
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
