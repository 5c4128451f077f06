import type { ReactNode } from 'react';
import './charts.css';

/** One coloured part of a chart: its value, its colour (a CSS colour, best a theme variable) and where it leads. */
export interface Part {
  key: string;
  label: string;
  value: number;
  color: string;
  /** A hash route (#/...) the part's legend entry links to. */
  href?: string;
}

/** The parts' names, colours and values as a list; a part with an href is a link. */
export function Legend({ parts, label }: { parts: Part[]; label: string }) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {parts.map((p) => (
        <li key={p.key}>
          <span className="chart-swatch" style={{ background: p.color }} aria-hidden="true" />
          <Labelled part={p}>
            {p.label} <span className="num">{p.value}</span>
          </Labelled>
        </li>
      ))}
    </ul>
  );
}

function Labelled({ part, children }: { part: Part; children: ReactNode }) {
  return part.href ? <a href={part.href}>{children}</a> : <span>{children}</span>;
}

/** The chart's data as text for screen readers: "Critical 3, High 5". */
export function describe(parts: Part[]): string {
  return parts.map((p) => `${p.label} ${p.value}`).join(', ');
}
