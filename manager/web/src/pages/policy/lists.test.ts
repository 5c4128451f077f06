import { Api } from '../../api/client';
import { fakeController } from '../../test/fakeController';
import { fetchPage, pageLocally, splitList } from './lists';

test('splitList drops empty entries and blanks, keeps odd characters as typed', () => {
  expect(splitList('')).toEqual([]);
  expect(splitList(' , ,,')).toEqual([]);
  expect(splitList(' HTTP ,Redis,,  SSL ')).toEqual(['HTTP', 'Redis', 'SSL']);
  expect(splitList('<script>,"quoted",é/ü')).toEqual(['<script>', '"quoted"', 'é/ü']);
  expect(splitList('a,'.repeat(100_000))).toHaveLength(100_000);
});

interface Row {
  name?: string | null;
  size?: number;
}

test('pageLocally filters, sorts and pages like the list query, rows without the field included', () => {
  const rows: Row[] = [{ name: 'web', size: 10 }, { name: 'db', size: 2 }, { size: 7 }, { name: null, size: 1 }, { name: 'web-2', size: 10 }];
  expect(pageLocally(rows, { start: 0, limit: 10, filters: [{ field: 'name', op: 'in', value: 'web' }] }).rows.map((r) => r.name)).toEqual(['web', 'web-2']);
  expect(pageLocally(rows, { start: 0, limit: 10, filters: [{ field: 'name', op: 'eq', value: 'web' }] }).rows).toHaveLength(1);
  expect(pageLocally(rows, { start: 0, limit: 10, filters: [{ field: 'nope', op: 'in', value: 'x' }] }).rows).toEqual([]);
  expect(pageLocally(rows, { start: 0, limit: 10, sort: { field: 'size', dir: 'asc' }, filters: [] }).rows.map((r) => r.size)).toEqual([1, 2, 7, 10, 10]);
  expect(pageLocally(rows, { start: 0, limit: 2, sort: { field: 'name', dir: 'desc' }, filters: [] })).toEqual({ rows: [{ name: 'web-2', size: 10 }, { name: 'web', size: 10 }], more: true });
  expect(pageLocally(rows, { start: 4, limit: 2, filters: [] })).toEqual({ rows: [rows[4]], more: false });
  expect(pageLocally(rows, { start: 99, limit: 2, filters: [] })).toEqual({ rows: [], more: false });
});

test('pageLocally pages a long list without copying it whole into the page', () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => ({ name: `g${i}` }));
  const page = pageLocally(rows, { start: 199_990, limit: 25, filters: [] });
  expect(page.rows).toHaveLength(10);
  expect(page.more).toBe(false);
});

test('fetchPage asks one row more than shown and survives an answer without the list', async () => {
  const sent = fakeController({ 'GET /v1/group': () => ({}) });
  const page = await fetchPage(new Api('t'), '/v1/group', 'groups', { start: 50, limit: 25, filters: [{ field: 'name', op: 'prefix', value: 'nv.' }], sort: { field: 'name', dir: 'desc' } });
  expect(page).toEqual({ rows: [], more: false });
  expect(Object.fromEntries(sent[0].query)).toEqual({ start: '50', limit: '26', s_name: 'desc', f_name: 'prefix,nv.' });
});
