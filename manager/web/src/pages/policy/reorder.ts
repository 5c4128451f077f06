export interface Move {
  id: number;
  after: number;
}

/**
 * The moves ({id, after}) that turn the order of a page of rules into the wanted one, applied one after the other
 * as the controller does (after 0: at the top). anchor is the rule just before the page (0 on the first page), so
 * rules move only within the page. Rules that keep their predecessor are not moved.
 */
export function movesFor(original: number[], wanted: number[], anchor: number): Move[] {
  if (original.length !== wanted.length || [...original].sort().join() !== [...wanted].sort().join()) {
    throw new Error('the wanted order must hold the same rules');
  }
  const current = [...original];
  const moves: Move[] = [];
  wanted.forEach((id, i) => {
    const after = i === 0 ? anchor : wanted[i - 1];
    const at = current.indexOf(id);
    const before = at === 0 ? anchor : current[at - 1];
    if (before === after) return;
    current.splice(at, 1);
    current.splice(i === 0 ? 0 : current.indexOf(after) + 1, 0, id);
    moves.push({ id, after });
  });
  return moves;
}

/** The list with the item at from moved to to. */
export function moved<T>(list: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
