import type { Filter, Page, PageRequest } from './listQuery';

// For lists that come whole, without NeuVector's list query (process and file profiles, a group's members, report
// parts, webhooks, the acceptance profile): the list query's filters, sort and paging done here over what came
// back, with the controller's semantics (dev.bulwark.controller.api.ListQuery), so that a table behaves the same
// either way. Test fakes answer list queries with it too (test/fakeController listAnswer).

/** The row's own field: never one inherited from Object (a filter on __proto__ matches nothing). */
export function ownField(row: unknown, key: string): unknown {
  return row !== null && typeof row === 'object' && Object.hasOwn(row, key) ? (row as Record<string, unknown>)[key] : undefined;
}

/** One page of a whole list, filtered and sorted as the controller's list query would. */
export function pageLocally<T>(rows: readonly T[], page: PageRequest, field: (row: T, key: string) => unknown = ownField): Page<T> {
  let kept = rows.filter((row) => page.filters.every((f) => matches(field(row, f.field), f)));
  if (page.sort) {
    const { field: key, dir } = page.sort;
    const sign = dir === 'asc' ? 1 : -1;
    kept = [...kept].sort((a, b) => sign * compare(field(a, key), field(b, key)));
  }
  return { rows: kept.slice(page.start, page.start + page.limit), more: kept.length > page.start + page.limit };
}

/** A missing field, a list or an object matches only neq; numbers compare as numbers; in is "contains". */
function matches(value: unknown, filter: Filter): boolean {
  if (value === undefined || value === null || typeof value === 'object') return filter.op === 'neq';
  const c = compareTo(value, filter.value);
  const text = String(value);
  switch (filter.op) {
    case 'eq': return c === 0;
    case 'neq': return c !== 0;
    case 'in': return text.includes(filter.value);
    case 'prefix': return text.startsWith(filter.value);
    case 'gt': return c > 0;
    case 'gte': return c >= 0;
    case 'lt': return c < 0;
    default: return c <= 0;
  }
}

function compareTo(value: unknown, wanted: string): number {
  if (typeof value === 'number' && wanted.trim() !== '' && !Number.isNaN(Number(wanted))) return Math.sign(value - Number(wanted));
  return textOrder(String(value), wanted);
}

/** Missing values first; numbers as numbers; text in code unit order, as Java's String.compareTo. */
function compare(a: unknown, b: unknown): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return Number(!aMissing) - Number(!bMissing);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return textOrder(String(a), String(b));
}

function textOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
