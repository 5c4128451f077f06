import type { Page, PageRequest } from '../../api/listQuery';

/**
 * A page of a list the controller answers whole (a scan report, an API without the list query): the same filters
 * (eq, contains, numeric comparisons), sort and paging as the controller's, done here.
 */
export function localPage<T>(rows: T[], page: PageRequest, field: (row: T, key: string) => unknown = plainField): Page<T> {
  let kept = rows.filter((row) => page.filters.every((f) => matches(field(row, f.field), f.op, f.value)));
  if (page.sort) {
    const { field: key, dir } = page.sort;
    const sign = dir === 'asc' ? 1 : -1;
    kept = [...kept].sort((a, b) => sign * compare(field(a, key), field(b, key)));
  }
  return { rows: kept.slice(page.start, page.start + page.limit), more: kept.length > page.start + page.limit };
}

function plainField<T>(row: T, key: string): unknown {
  return (row as Record<string, unknown>)[key];
}

function matches(value: unknown, op: string, wanted: string): boolean {
  const text = value === undefined || value === null ? '' : String(value);
  const c = compare(value, wanted);
  switch (op) {
    case 'eq':
      return text.toLowerCase() === wanted.toLowerCase();
    case 'neq':
      return text.toLowerCase() !== wanted.toLowerCase();
    case 'prefix':
      return text.toLowerCase().startsWith(wanted.toLowerCase());
    case 'gt':
      return c > 0;
    case 'gte':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'lte':
      return c <= 0;
    default:
      return text.toLowerCase().includes(wanted.toLowerCase());
  }
}

function compare(a: unknown, b: unknown): number {
  const x = Number(a);
  const y = Number(b);
  if (typeof a !== 'boolean' && a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  // otherwise as text, in code unit order, as the controller's Java compares it
  const s = String(a ?? '');
  const t = String(b ?? '');
  return s < t ? -1 : s > t ? 1 : 0;
}
