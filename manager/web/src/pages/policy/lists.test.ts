import { Api } from '../../api/client';
import { fakeController } from '../../test/fakeController';
import { fetchPage } from '../../api/listQuery';
import { splitList } from './lists';

test('splitList drops empty entries and blanks, keeps odd characters as typed', () => {
  expect(splitList('')).toEqual([]);
  expect(splitList(' , ,,')).toEqual([]);
  expect(splitList(' HTTP ,Redis,,  SSL ')).toEqual(['HTTP', 'Redis', 'SSL']);
  expect(splitList('<script>,"quoted",é/ü')).toEqual(['<script>', '"quoted"', 'é/ü']);
  expect(splitList('a,'.repeat(100_000))).toHaveLength(100_000);
});


test('fetchPage asks one row more than shown and survives an answer without the list', async () => {
  const sent = fakeController({ 'GET /v1/group': () => ({}) });
  const page = await fetchPage(new Api('t'), '/v1/group', 'groups', { start: 50, limit: 25, filters: [{ field: 'name', op: 'prefix', value: 'nv.' }], sort: { field: 'name', dir: 'desc' } });
  expect(page).toEqual({ rows: [], more: false });
  expect(Object.fromEntries(sent[0].query)).toEqual({ start: '50', limit: '26', s_name: 'desc', f_name: 'prefix,nv.' });
});
