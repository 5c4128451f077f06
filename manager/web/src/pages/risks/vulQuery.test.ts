import { NO_FILTERS, pageParams, queryBody } from './vulQuery';

test('no filters ask for everything', () => {
  expect(queryBody(NO_FILTERS)).toEqual({ severityType: 'all', packageType: 'all', viewType: 'all', scoreType: 'v3' });
});

test('a score range with one end given takes the other end of the scale; blank namespaces are dropped', () => {
  expect(queryBody({ ...NO_FILTERS, scoreMax: '4', namespace: ' , ,' })).toEqual({ severityType: 'all', packageType: 'all', viewType: 'all', scoreType: 'v3', scoreV3: [0, 4] });
  expect(queryBody({ ...NO_FILTERS, service: '  web  ' })).toMatchObject({ serviceName: 'web', matchTypeService: 'contains' });
});

test('hostile text goes as text, and a page asks one row more than it shows', () => {
  const text = '"; DROP TABLE vulnerabilities; --'.repeat(1000);
  expect(queryBody({ ...NO_FILTERS, image: text }).imageName).toBe(text.trim());
  const params = pageParams('tok&en', { start: 50, limit: 25, filters: [{ field: 'name', op: 'in', value: ' a&b=c ' }], sort: { field: 'name', dir: 'asc' } });
  expect(params).toEqual({ token: 'tok&en', start: '50', row: '26', orderbyColumn: 'name', orderby: 'asc', qf: 'a&b=c' });
  expect(new URLSearchParams(params).get('qf')).toBe('a&b=c');
});
