import type { Api } from './client';
// NeuVector's list query: start and limit paging, s_FIELD=asc|desc sorting, f_FIELD=OP,VALUE filters.

export type FilterOp = 'eq' | 'neq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'prefix';

export interface Filter {
  field: string;
  op: FilterOp;
  value: string;
}

export interface Sort {
  field: string;
  dir: 'asc' | 'desc';
}

export interface PageRequest {
  start: number;
  limit: number;
  sort?: Sort;
  filters: Filter[];
}

export function listQuery(page: PageRequest, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams(extra);
  params.set('start', String(page.start));
  // one more than shown: whether it comes back says whether there is a next page
  params.set('limit', String(page.limit + 1));
  if (page.sort) params.set(`s_${page.sort.field}`, page.sort.dir);
  for (const f of page.filters) {
    if (f.value.trim() !== '') params.set(`f_${f.field}`, `${f.op},${f.value.trim()}`);
  }
  return params;
}

export interface Page<T> {
  rows: T[];
  more: boolean;
}

/** The page shown from a list fetched with {@link listQuery}: at most limit rows, and whether more follow. */
export function pageOf<T>(rows: T[] | undefined, page: PageRequest): Page<T> {
  const all = rows ?? [];
  return { rows: all.slice(0, page.limit), more: all.length > page.limit };
}

/** One page of a list the controller pages, sorts and filters; key names the array in its answer. */
export async function fetchPage<T>(api: Api, path: string, key: string, page: PageRequest, extra: Record<string, string> = {}): Promise<Page<T>> {
  const answer = await api.get<Record<string, T[] | undefined>>(path, listQuery(page, extra));
  return pageOf(answer[key], page);
}
