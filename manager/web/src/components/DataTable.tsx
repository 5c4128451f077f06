import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Filter, FilterOp, Page, PageRequest, Sort } from '../api/listQuery';
import { Empty, ErrorBox, Loading } from './States';

export interface Column<T> {
  key: string;
  title: string;
  render?: (row: T) => ReactNode;
  /** Sorted by the controller (s_KEY); the key must be a field the API sorts on. */
  sortable?: boolean;
  /** Filtered by the controller (f_KEY=OP,VALUE): free text, or one of the options. */
  filter?: { op?: FilterOp; options?: string[] };
  className?: string;
}

export interface DataTableProps<T> {
  label: string;
  columns: Column<T>[];
  fetchPage: (page: PageRequest) => Promise<Page<T>>;
  rowKey: (row: T) => string;
  pageSize?: number;
  initialSort?: Sort;
  onRowActivate?: (row: T) => void;
  activeKey?: string;
  /** Changing it reloads the current page (after an edit). */
  reloadKey?: unknown;
  empty?: ReactNode;
  toolbar?: ReactNode;
  selection?: { selected: Set<string>; onChange: (selected: Set<string>) => void };
}

const FILTER_DELAY_MS = 300;

/**
 * A list paged, sorted and filtered by the controller: only the rows shown are fetched. Rows take the keyboard
 * (arrows move, Enter opens).
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, fetchPage, rowKey, pageSize = 25, label } = props;
  const [start, setStart] = useState(0);
  const [sort, setSort] = useState<Sort | undefined>(props.initialSort);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [filters, setFilters] = useState<Filter[]>([]);
  const [state, setState] = useState<{ page?: Page<T>; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const call = useRef(0);
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const next: Filter[] = columns
        .filter((c) => c.filter && (typed[c.key] ?? '').trim() !== '')
        .map((c) => ({ field: c.key, op: c.filter?.op ?? (c.filter?.options ? 'eq' : 'in'), value: typed[c.key] }));
      setFilters((old) => {
        if (JSON.stringify(old) === JSON.stringify(next)) return old;
        setStart(0);
        return next;
      });
    }, FILTER_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [typed, columns]);

  useEffect(() => {
    const id = ++call.current;
    setState((s) => ({ ...s, loading: true }));
    fetchPage({ start, limit: pageSize, sort, filters }).then(
      (page) => id === call.current && setState({ page, loading: false }),
      (error: Error) => id === call.current && setState({ error, loading: false }),
    );
  }, [fetchPage, start, pageSize, sort, filters, tick, props.reloadKey]);

  const toggleSort = (key: string) => {
    setSort((s) => (s?.field === key ? { field: key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { field: key, dir: 'asc' }));
    setStart(0);
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, row: T) => {
    // keys pressed on a button or input inside the row are theirs
    if (e.target !== e.currentTarget) return;
    const rows = Array.from(body.current?.querySelectorAll<HTMLTableRowElement>('tr[tabindex]') ?? []);
    const at = rows.indexOf(e.currentTarget);
    if (e.key === 'ArrowDown') rows[Math.min(at + 1, rows.length - 1)]?.focus();
    else if (e.key === 'ArrowUp') rows[Math.max(at - 1, 0)]?.focus();
    else if (e.key === 'Enter') props.onRowActivate?.(row);
    else return;
    e.preventDefault();
  };

  const sel = props.selection;
  const rows = state.page?.rows ?? [];
  const allSelected = sel !== undefined && rows.length > 0 && rows.every((r) => sel.selected.has(rowKey(r)));
  const toggle = (key: string) => {
    if (!sel) return;
    const next = new Set(sel.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    sel.onChange(next);
  };

  return (
    <div className="table-wrap">
      {props.toolbar && <div className="toolbar">{props.toolbar}</div>}
      <table className="data" aria-label={label} aria-busy={state.loading}>
        <thead>
          <tr>
            {sel && (
              <th className="check">
                <input
                  type="checkbox"
                  aria-label="Select all shown"
                  checked={allSelected}
                  onChange={() => sel.onChange(allSelected ? new Set() : new Set(rows.map(rowKey)))}
                />
              </th>
            )}
            {columns.map((c) => (
              <th
                key={c.key}
                className={c.className}
                aria-sort={sort?.field === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sortable ? (
                  <button type="button" className="sort" onClick={() => toggleSort(c.key)}>
                    {c.title}
                    <span aria-hidden="true">{sort?.field === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  c.title
                )}
              </th>
            ))}
          </tr>
          {columns.some((c) => c.filter) && (
            <tr className="filters">
              {sel && <th />}
              {columns.map((c) => (
                <th key={c.key}>
                  {c.filter?.options ? (
                    <select
                      aria-label={`Filter ${c.title}`}
                      value={typed[c.key] ?? ''}
                      onChange={(e) => setTyped({ ...typed, [c.key]: e.target.value })}
                    >
                      <option value="">All</option>
                      {c.filter.options.map((o) => (
                        <option key={o}>{o}</option>
                      ))}
                    </select>
                  ) : c.filter ? (
                    <input
                      type="search"
                      aria-label={`Filter ${c.title}`}
                      placeholder="Filter"
                      value={typed[c.key] ?? ''}
                      onChange={(e) => setTyped({ ...typed, [c.key]: e.target.value })}
                    />
                  ) : null}
                </th>
              ))}
            </tr>
          )}
        </thead>
        <tbody ref={body}>
          {rows.map((row) => {
            const key = rowKey(row);
            return (
              <tr
                key={key}
                tabIndex={0}
                className={props.activeKey === key ? 'active' : undefined}
                onClick={() => props.onRowActivate?.(row)}
                onKeyDown={(e) => onRowKey(e, row)}
              >
                {sel && (
                  <td className="check" onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      aria-label={`Select ${key}`}
                      checked={sel.selected.has(key)}
                      onChange={() => toggle(key)}
                    />
                  </td>
                )}
                {columns.map((c) => (
                  <td key={c.key} className={c.className}>
                    {c.render ? c.render(row) : String((row as Record<string, unknown>)[c.key] ?? '')}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {state.error ? (
        <ErrorBox error={state.error} retry={() => setTick((t) => t + 1)} />
      ) : state.loading && !state.page ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty>{props.empty ?? (filters.length ? 'Nothing matches the filters.' : 'Nothing here yet.')}</Empty>
      ) : null}
      <nav className="pager" aria-label={`${label} pages`}>
        <button type="button" disabled={start === 0} onClick={() => setStart(Math.max(0, start - pageSize))}>
          Previous
        </button>
        <span>
          {rows.length ? `${start + 1}–${start + rows.length}` : '0'}
          {state.loading && state.page ? ' (loading)' : ''}
        </span>
        <button type="button" disabled={!state.page?.more} onClick={() => setStart(start + pageSize)}>
          Next
        </button>
      </nav>
    </div>
  );
}
