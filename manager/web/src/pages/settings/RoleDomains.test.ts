import { domainsOf, rowsOf } from './RoleDomains';

test('namespaces are split on commas and spaces, merged per role, repeated ones once', () => {
  expect(
    domainsOf([
      { role: 'admin', namespaces: 'team-a, team-b' },
      { role: 'reader', namespaces: ' prod\tstaging ,, ' },
      { role: 'admin', namespaces: 'team-b team-c' },
    ]),
  ).toEqual({ admin: ['team-a', 'team-b', 'team-c'], reader: ['prod', 'staging'] });
});

test('a row without a role or without namespaces gives nothing', () => {
  expect(domainsOf([{ role: '', namespaces: 'x' }, { role: 'admin', namespaces: ' , ,' }])).toEqual({});
});

test('the map the API gave comes back as rows and the same map', () => {
  const domains = { admin: ['team-a'], reader: ['a', 'b'] };
  expect(rowsOf(domains)).toEqual([
    { role: 'admin', namespaces: 'team-a' },
    { role: 'reader', namespaces: 'a, b' },
  ]);
  expect(domainsOf(rowsOf(domains))).toEqual(domains);
  expect(rowsOf(undefined)).toEqual([]);
});

test('hostile and oversized text stays text: the controller checks the names', () => {
  const many = Array.from({ length: 20_000 }, (_, i) => `ns-${i}`).join(',');
  expect(domainsOf([{ role: 'admin', namespaces: many }]).admin).toHaveLength(20_000);
  expect(domainsOf([{ role: '__proto__', namespaces: 'x' }])).toEqual(JSON.parse('{"__proto__":["x"]}'));
  expect(Object.getPrototypeOf(domainsOf([{ role: '__proto__', namespaces: 'x' }]))).toBe(Object.prototype);
  expect(domainsOf([{ role: 'admin', namespaces: '<script>,../..' }])).toEqual({ admin: ['<script>', '../..'] });
});
