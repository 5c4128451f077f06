import type { FilterOp } from '../../api/listQuery';
import { localPage } from './localPage';

const rows = [
  { name: 'alpha', size: 10, level: 'WARN' },
  { name: 'Beta', size: 9, level: 'PASS' },
  { name: 'gamma', size: 100, level: 'warn' },
  { name: '(.*)+', size: -1, level: '' },
];

test('filters as the controller does: contains and equals without case, numbers as numbers', () => {
  const page = (filters: { field: string; op: FilterOp; value: string }[]) =>
    localPage(rows, { start: 0, limit: 10, filters }).rows.map((r) => r.name);
  expect(page([{ field: 'name', op: 'in', value: 'ET' }])).toEqual(['Beta']);
  expect(page([{ field: 'level', op: 'eq', value: 'WARN' }])).toEqual(['alpha', 'gamma']);
  expect(page([{ field: 'size', op: 'gt', value: '9' }])).toEqual(['alpha', 'gamma']);
  expect(page([{ field: 'size', op: 'lte', value: '9' }])).toEqual(['Beta', '(.*)+']);
  expect(page([{ field: 'name', op: 'prefix', value: 'g' }])).toEqual(['gamma']);
  expect(page([{ field: 'level', op: 'neq', value: 'warn' }])).toEqual(['Beta', '(.*)+']);
  // a field rows lack matches nothing but neq; text that looks like a pattern is only text
  expect(page([{ field: 'missing', op: 'in', value: 'a' }])).toEqual([]);
  expect(page([{ field: 'name', op: 'in', value: '.*' }])).toEqual(['(.*)+']);
  // a number against text compares as text, as the controller's does
  expect(page([{ field: 'size', op: 'gt', value: 'not a number' }])).toEqual([]);
  expect(page([{ field: 'size', op: 'lt', value: 'not a number' }])).toHaveLength(4);
});

test('sorts numbers as numbers and text as text, then pages, saying whether more follow', () => {
  const bySize = localPage(rows, { start: 0, limit: 2, filters: [], sort: { field: 'size', dir: 'desc' } });
  expect(bySize).toEqual({ rows: [rows[2], rows[0]], more: true });
  const last = localPage(rows, { start: 2, limit: 2, filters: [], sort: { field: 'size', dir: 'desc' } });
  expect(last).toEqual({ rows: [rows[1], rows[3]], more: false });
  expect(localPage(rows, { start: 10, limit: 2, filters: [] })).toEqual({ rows: [], more: false });
});

test('a long list and an oversized filter are paged whole', () => {
  const many = Array.from({ length: 20_000 }, (_, i) => ({ name: `row-${i}`, size: i }));
  const page = localPage(many, { start: 19_990, limit: 25, filters: [{ field: 'name', op: 'in', value: 'row-' }], sort: { field: 'size', dir: 'asc' } });
  expect(page.rows).toHaveLength(10);
  expect(page.more).toBe(false);
  expect(localPage(many, { start: 0, limit: 25, filters: [{ field: 'name', op: 'in', value: 'x'.repeat(100_000) }] }).rows).toEqual([]);
});
