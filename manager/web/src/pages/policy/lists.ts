import type { Api } from '../../api/client';
import { listQuery, pageOf, type Page, type PageRequest } from '../../api/listQuery';

/** One page of a list the controller pages, sorts and filters (NeuVector's list query); key names the array. */
export async function fetchPage<T>(api: Api, path: string, key: string, page: PageRequest): Promise<Page<T>> {
  const answer = await api.get<Record<string, T[]>>(path, listQuery(page));
  return pageOf(answer[key], page);
}

/**
 * One page of a list the controller answers whole (no list query): filtered, sorted and paged here the way the
 * controller's list query would (in = contains, eq = equal; numbers compare as numbers).
 */
export function pageLocally<T>(all: T[], page: PageRequest): Page<T> {
  const field = (row: T, name: string) => (row as Record<string, unknown>)[name];
  let rows = all.filter((row) =>
    page.filters.every((f) => {
      const text = String(field(row, f.field) ?? '');
      return f.op === 'eq' ? text === f.value : f.op === 'prefix' ? text.startsWith(f.value) : text.includes(f.value);
    }),
  );
  if (page.sort) {
    const { field: name, dir } = page.sort;
    const sign = dir === 'asc' ? 1 : -1;
    rows = [...rows].sort((a, b) => {
      const x = field(a, name);
      const y = field(b, name);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
      return c * sign;
    });
  }
  return { rows: rows.slice(page.start, page.start + page.limit), more: rows.length > page.start + page.limit };
}

/** A comma-separated list as typed: trimmed, without empty entries. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
