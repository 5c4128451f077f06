import { recordsOf, shownFields, text } from './logRecord';

test('text shows every kind of field value', () => {
  expect(text('a')).toBe('a');
  expect(text(0)).toBe('0');
  expect(text(false)).toBe('false');
  expect(text(null)).toBe('');
  expect(text(undefined)).toBe('');
  expect(text(['a', '', null, 3])).toBe('a, 3');
  expect(text({})).toBe('');
  expect(text({ '': 'admin' })).toBe('{"":"admin"}');
  expect(text([[1, 2], { a: 1 }])).toBe('1, 2, {"a":1}');
});

test('recordsOf keeps only the records of a list, whatever the answer holds', () => {
  expect(recordsOf(null, 'events')).toEqual([]);
  expect(recordsOf('events', 'events')).toEqual([]);
  expect(recordsOf({ events: 'x' }, 'events')).toEqual([]);
  expect(recordsOf({ events: { 0: { name: 'a' } } }, 'events')).toEqual([]);
  expect(recordsOf({ events: [null, 1, 'x', [], { name: 'a' }] }, 'events')).toEqual([{ name: 'a' }]);
  expect(recordsOf({ other: [{ name: 'a' }] }, 'events')).toEqual([]);
});

test('an oversized record is shown whole and without failing', () => {
  const huge = 'x'.repeat(1_000_000);
  const record = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`f${i}`, i % 2 ? huge.slice(0, 100) : '']));
  record.message = huge;
  const shown = shownFields(record);
  expect(shown).toHaveLength(1_001);
  expect(shown.at(-1)).toEqual(['message', huge]);
});
