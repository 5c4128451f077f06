import type { Filter, Page, PageRequest } from '../../api/listQuery';

// For the APIs that answer their whole list without NeuVector's list query (roles, API keys, webhooks): the same
// sorting, filtering and paging, done here over what came back, so these lists use the same DataTable.

/** The row's own field: never one inherited from Object (a filter on __proto__ must not match). */
function fieldOf(row: unknown, field: string): unknown {
  return row !== null && typeof row === 'object' && Object.hasOwn(row, field) ? (row as Record<string, unknown>)[field] : undefined;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** As the controller: a filter on a field the rows do not have matches nothing. */
function matches(value: unknown, filter: Filter): boolean {
  if (value === undefined) return false;
  const wanted = filter.value.trim();
  if (typeof value === 'number' && !Number.isNaN(Number(wanted))) {
    const n = Number(wanted);
    switch (filter.op) {
      case 'gt': return value > n;
      case 'gte': return value >= n;
      case 'lt': return value < n;
      case 'lte': return value <= n;
      case 'neq': return value !== n;
      case 'eq': return value === n;
      default: break;
    }
  }
  const text = Array.isArray(value) ? value.join(' ') : String(value ?? '');
  switch (filter.op) {
    case 'eq': return text === wanted;
    case 'neq': return text !== wanted;
    case 'prefix': return text.startsWith(wanted);
    case 'gt': return text > wanted;
    case 'gte': return text >= wanted;
    case 'lt': return text < wanted;
    case 'lte': return text <= wanted;
    default: return text.toLowerCase().includes(wanted.toLowerCase());
  }
}

/** One page of a whole list, filtered and sorted as the controller's list query would. */
export function pageLocally<T>(rows: readonly T[], page: PageRequest): Page<T> {
  let shown = rows.filter((r) => page.filters.every((f) => matches(fieldOf(r, f.field), f)));
  if (page.sort) {
    const { field, dir } = page.sort;
    const sign = dir === 'asc' ? 1 : -1;
    shown = [...shown].sort((a, b) => sign * compare(fieldOf(a, field), fieldOf(b, field)));
  }
  return { rows: shown.slice(page.start, page.start + page.limit), more: shown.length > page.start + page.limit };
}
