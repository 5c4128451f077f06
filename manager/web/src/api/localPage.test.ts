import type { FilterOp } from './listQuery';
import { pageLocally } from './localPage';

const rows = [
  { name: 'alpha', size: 10, level: 'WARN', tags: ['a'] },
  { name: 'Beta', size: 9, level: 'PASS' },
  { name: 'gamma', size: 100, level: 'warn' },
  { name: '(.*)+', size: -1, level: '' },
  { size: 7, level: null },
];

const names = (field: string, op: FilterOp, value: string) =>
  pageLocally(rows, { start: 0, limit: 10, filters: [{ field, op, value }] }).rows.map((r) => r.name ?? '-');

test('filters as the controller does: text as given, numbers as numbers', () => {
  expect(names('name', 'in', 'et')).toEqual(['Beta']);
  expect(names('name', 'in', 'ET')).toEqual([]);
  expect(names('level', 'eq', 'WARN')).toEqual(['alpha']);
  expect(names('size', 'gt', '9')).toEqual(['alpha', 'gamma']);
  expect(names('size', 'lte', '9')).toEqual(['Beta', '(.*)+', '-']);
  expect(names('size', 'neq', '10')).toHaveLength(4);
  expect(names('name', 'prefix', 'g')).toEqual(['gamma']);
  // a number against text compares as text
  expect(names('size', 'gt', 'not a number')).toEqual([]);
});

test('a missing field, null, a list or an object matches only neq', () => {
  expect(names('missing', 'in', 'a')).toEqual([]);
  expect(names('missing', 'neq', 'a')).toHaveLength(5);
  expect(names('level', 'in', '')).toHaveLength(4);
  expect(names('tags', 'in', 'a')).toEqual([]);
  expect(names('tags', 'neq', 'a')).toHaveLength(5);
});

test('sorts missing values first, numbers as numbers, text in code unit order, then pages', () => {
  const byName = pageLocally(rows, { start: 0, limit: 10, filters: [], sort: { field: 'name', dir: 'asc' } });
  expect(byName.rows.map((r) => r.name ?? '-')).toEqual(['-', '(.*)+', 'Beta', 'alpha', 'gamma']);
  const bySize = pageLocally(rows, { start: 0, limit: 2, filters: [], sort: { field: 'size', dir: 'desc' } });
  expect(bySize).toEqual({ rows: [rows[2], rows[0]], more: true });
  expect(pageLocally(rows, { start: 4, limit: 2, filters: [] })).toEqual({ rows: [rows[4]], more: false });
  expect(pageLocally(rows, { start: 99, limit: 2, filters: [] })).toEqual({ rows: [], more: false });
});

test('hostile input: patterns are text, __proto__ is no field, huge lists and filters are fine', () => {
  expect(names('name', 'in', '.*')).toEqual(['(.*)+']);
  expect(names('__proto__', 'in', 'object')).toEqual([]);
  expect(names('constructor', 'prefix', 'function')).toEqual([]);
  expect(names('name', 'in', 'x'.repeat(100_000))).toEqual([]);
  const many = Array.from({ length: 200_000 }, (_, i) => ({ name: `row-${i}`, size: i }));
  const page = pageLocally(many, { start: 199_990, limit: 25, filters: [{ field: 'name', op: 'in', value: 'row-' }], sort: { field: 'size', dir: 'asc' } });
  expect(page.rows).toHaveLength(10);
  expect(page.more).toBe(false);
  expect(pageLocally([], { start: 0, limit: 25, sort: { field: 'x', dir: 'asc' }, filters: [] })).toEqual({ rows: [], more: false });
});
