import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FilterOp, Page, PageRequest, Sort } from '../api/listQuery';
import { BodyCell, FilterCell, HeaderCell, Pager, TableStatus, useColumnFilters } from './tableParts';

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

/**
 * A list paged, sorted and filtered by the controller: only the rows shown are fetched. Rows take the keyboard
 * (arrows move, Enter opens).
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, fetchPage, rowKey, pageSize = 25, label } = props;
  const [start, setStart] = useState(0);
  const [sort, setSort] = useState<Sort | undefined>(props.initialSort);
  const { typed, type, filters } = useColumnFilters(columns, () => setStart(0));
  const [state, setState] = useState<{ page?: Page<T>; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const call = useRef(0);
  const body = useRef<HTMLTableSectionElement>(null);

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
              <HeaderCell key={c.key} column={c} sort={sort} onSort={toggleSort} />
            ))}
          </tr>
          {columns.some((c) => c.filter) && (
            <tr className="filters">
              {sel && <th />}
              {columns.map((c) => (
                <FilterCell key={c.key} column={c} value={typed[c.key] ?? ''} onChange={(v) => type(c.key, v)} />
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
                  <BodyCell key={c.key} column={c} row={row} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <TableStatus error={state.error} retry={() => setTick((t) => t + 1)} loading={state.loading} loaded={state.page !== undefined} rows={rows.length} filtered={filters.length > 0} empty={props.empty} />
      <Pager label={label} start={start} pageSize={pageSize} rows={rows.length} more={state.page?.more ?? false} loading={state.loading && state.page !== undefined} onStart={setStart} />
    </div>
  );
}
