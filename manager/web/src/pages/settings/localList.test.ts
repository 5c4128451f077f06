import { pageLocally } from './localList';

const rows = Array.from({ length: 30 }, (_, i) => ({ name: `key-${String(i).padStart(2, '0')}`, hours: i, tags: ['a', i % 2 ? 'odd' : 'even'] }));

test('pages, and says whether more rows follow', () => {
  expect(pageLocally(rows, { start: 0, limit: 25, filters: [] })).toMatchObject({ more: true });
  const last = pageLocally(rows, { start: 25, limit: 25, filters: [] });
  expect(last.rows.map((r) => r.name)).toEqual(['key-25', 'key-26', 'key-27', 'key-28', 'key-29']);
  expect(last.more).toBe(false);
  expect(pageLocally(rows, { start: 100, limit: 25, filters: [] })).toEqual({ rows: [], more: false });
});

test('sorts numbers as numbers and texts as texts', () => {
  const desc = pageLocally(rows, { start: 0, limit: 3, sort: { field: 'hours', dir: 'desc' }, filters: [] });
  expect(desc.rows.map((r) => r.hours)).toEqual([29, 28, 27]);
  const byName = pageLocally(rows, { start: 0, limit: 2, sort: { field: 'name', dir: 'asc' }, filters: [] });
  expect(byName.rows.map((r) => r.name)).toEqual(['key-00', 'key-01']);
});

test('filters with the list query operators', () => {
  const names = (op: 'in' | 'eq' | 'prefix' | 'gt' | 'lte' | 'neq', field: string, value: string) =>
    pageLocally(rows, { start: 0, limit: 100, filters: [{ field, op, value }] }).rows.map((r) => r.name);
  expect(names('in', 'name', 'KEY-2')).toHaveLength(10);
  expect(names('eq', 'name', 'key-07')).toEqual(['key-07']);
  expect(names('prefix', 'name', 'key-1')).toHaveLength(10);
  expect(names('gt', 'hours', '27')).toEqual(['key-28', 'key-29']);
  expect(names('lte', 'hours', '1')).toEqual(['key-00', 'key-01']);
  expect(names('neq', 'hours', '0')).toHaveLength(29);
  expect(names('in', 'tags', 'odd')).toHaveLength(15);
});

test('hostile input: unknown fields, odd values and huge filters match nothing and break nothing', () => {
  const page = (field: string, value: string) => pageLocally(rows, { start: 0, limit: 100, filters: [{ field, op: 'in', value }] }).rows;
  expect(page('nope', 'x')).toEqual([]);
  expect(pageLocally(rows, { start: 0, limit: 100, filters: [{ field: 'nope', op: 'neq', value: 'x' }] }).rows).toEqual([]);
  expect(page('name', '.*')).toEqual([]);
  expect(page('__proto__', 'object')).toEqual([]);
  expect(page('name', 'k'.repeat(100_000))).toEqual([]);
  expect(pageLocally([], { start: 0, limit: 25, sort: { field: 'x', dir: 'asc' }, filters: [] })).toEqual({ rows: [], more: false });
});
