import { render, screen, within } from '@testing-library/react';
import { Bars } from './Bars';
import { Donut } from './Donut';
import type { Part } from './Legend';
import { StackedBar } from './StackedBar';
import { TimeLine, type Bucket } from './TimeLine';

const parts: Part[] = [
  { key: 'a', label: 'Allowed', value: 3, color: 'var(--ok)', href: '#/a' },
  { key: 'd', label: 'Denied', value: 1, color: 'var(--danger)' },
];

const widths = (svg: Element) => Array.from(svg.querySelectorAll('rect:not(.chart-track)')).map((r) => Number(r.getAttribute('width')));

test('a stacked bar splits by share and names its parts', () => {
  render(<StackedBar label="Requests" parts={parts} />);
  const svg = screen.getByRole('img', { name: 'Requests: Allowed 3, Denied 1' });
  expect(widths(svg)).toEqual([75, 25]);
  expect(screen.getByRole('link', { name: 'Allowed 3' })).toHaveAttribute('href', '#/a');
  expect(within(screen.getByRole('list', { name: 'Requests' })).getByText('Denied')).toBeInTheDocument();
});

test('charts of nothing, of negative and of huge values stay within their bounds', () => {
  const odd: Part[] = [
    { key: 'n', label: 'Negative', value: -5, color: 'red' },
    { key: 'z', label: 'Zero', value: 0, color: 'blue' },
    { key: 'h', label: 'Huge', value: Number.MAX_SAFE_INTEGER, color: 'green' },
  ];
  const { container } = render(
    <>
      <StackedBar label="S" parts={odd} />
      <Bars label="B" parts={odd} />
      <Donut label="D" parts={odd} />
      <StackedBar label="Empty" parts={[{ key: 'z', label: 'Zero', value: 0, color: 'blue' }]} />
    </>,
  );
  for (const rect of container.querySelectorAll('rect')) {
    const w = Number(rect.getAttribute('width'));
    expect(w).toBeGreaterThanOrEqual(0);
    expect(w).toBeLessThanOrEqual(100);
  }
  for (const circle of container.querySelectorAll('circle[stroke-dasharray]')) {
    const [on] = circle.getAttribute('stroke-dasharray')!.split(' ').map(Number);
    expect(Number.isFinite(on) && on >= 0).toBe(true);
  }
});

test('bars scale to the largest and show their values', () => {
  render(<Bars label="Top" parts={[...parts, { key: 'x', label: '<script>alert(1)</script>', value: 6, color: 'blue' }]} />);
  const list = screen.getByLabelText('Top');
  expect(widths(list).map(Math.round)).toEqual([50, 17, 100]);
  expect(within(list).getByText('<script>alert(1)</script>')).toBeInTheDocument();
  expect(within(list).getByRole('link', { name: 'Allowed' })).toHaveAttribute('href', '#/a');
});

test('a donut as a gauge fills its share of the total', () => {
  const { container } = render(<Donut label="Score 25" parts={[{ key: 's', label: 'Score', value: 25, color: 'red' }]} total={100} center={25} legend={false} />);
  const arc = container.querySelector('circle[stroke-dasharray]')!;
  const [on, off] = arc.getAttribute('stroke-dasharray')!.split(' ').map(Number);
  expect(on / (on + off)).toBeCloseTo(0.25);
  expect(screen.getByRole('img', { name: 'Score 25' })).toHaveTextContent('25');
  expect(screen.queryByRole('list')).toBeNull();
});

test('a time line stacks each bucket and totals each series', () => {
  const buckets: Bucket[] = Array.from({ length: 24 }, (_, i) => ({ start: 1_780_000_000 + i * 3600, counts: (i === 3 ? { v: 4, i: 2 } : i === 5 ? { v: 1 } : {}) as Record<string, number> }));
  render(
    <TimeLine
      label="Events"
      buckets={buckets}
      series={[
        { key: 'v', label: 'Violations', color: 'orange' },
        { key: 'i', label: 'Incidents', color: 'red' },
      ]}
    />,
  );
  const svg = screen.getByRole('img', { name: 'Events: Violations 5, Incidents 2; at most 6 in one bucket' });
  expect(svg.querySelectorAll('g')).toHaveLength(24);
  expect(svg.querySelectorAll('rect')).toHaveLength(3);
  expect(screen.getByRole('list', { name: 'Events' })).toHaveTextContent('Violations 5');
});
