import { moved, movesFor } from './reorder';

/** Applies moves the way the controller does: remove, then insert after the id (0: top). */
function apply(order: number[], moves: { id: number; after: number }[]): number[] {
  let list = [...order];
  for (const m of moves) {
    list = list.filter((x) => x !== m.id);
    list.splice(m.after === 0 ? 0 : list.indexOf(m.after) + 1, 0, m.id);
  }
  return list;
}

test('no change needs no move', () => {
  expect(movesFor([1, 2, 3], [1, 2, 3], 0)).toEqual([]);
});

test('moving one rule down or up is one move', () => {
  expect(movesFor([1, 2, 3, 4], [2, 3, 1, 4], 0)).toEqual([
    { id: 2, after: 0 },
    { id: 3, after: 2 },
  ]);
  expect(apply([1, 2, 3, 4], movesFor([1, 2, 3, 4], [2, 3, 1, 4], 0))).toEqual([2, 3, 1, 4]);
  expect(movesFor([1, 2, 3, 4], [4, 1, 2, 3], 0)).toEqual([{ id: 4, after: 0 }]);
});

test('a page after the first moves after its anchor, never above it', () => {
  const all = [9, 5, 6, 7, 8];
  const moves = movesFor([5, 6, 7], [7, 5, 6], 9);
  expect(moves).toEqual([{ id: 7, after: 9 }]);
  expect(apply(all, moves)).toEqual([9, 7, 5, 6, 8]);
});

test('every permutation of five rules is reached by the moves', () => {
  const original = [11, 12, 13, 14, 15];
  const permutations = (xs: number[]): number[][] =>
    xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
  for (const wanted of permutations(original)) {
    const moves = movesFor(original, wanted, 3);
    expect(apply([3, ...original, 99], moves)).toEqual([3, ...wanted, 99]);
    expect(moves.length).toBeLessThan(original.length);
  }
});

test('refuses an order with other rules', () => {
  expect(() => movesFor([1, 2], [1, 3], 0)).toThrow();
  expect(() => movesFor([1, 2], [1], 0)).toThrow();
});

test('moved keeps the list when the positions are out of range', () => {
  expect(moved(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
  expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
  expect(moved(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
  expect(moved(['a', 'b'], -1, 0)).toEqual(['a', 'b']);
});
