import { useEffect, useState, type ReactNode } from 'react';
import type { Filter, Sort } from '../api/listQuery';
import type { Column } from './DataTable';
import { Empty, ErrorBox, Loading } from './States';

const FILTER_DELAY_MS = 300;

/**
 * The filter boxes' text and the filters it makes, sent to the controller once typing pauses; onChange runs when
 * the filters really change (a table goes back to its first page).
 */
export function useColumnFilters<T>(columns: Column<T>[], onChange: () => void) {
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [filters, setFilters] = useState<Filter[]>([]);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const next: Filter[] = columns
        .filter((c) => c.filter && (typed[c.key] ?? '').trim() !== '')
        .map((c) => ({ field: c.key, op: c.filter?.op ?? (c.filter?.options ? 'eq' : 'in'), value: typed[c.key] }));
      setFilters((old) => {
        if (JSON.stringify(old) === JSON.stringify(next)) return old;
        onChange();
        return next;
      });
    }, FILTER_DELAY_MS);
    return () => window.clearTimeout(timer);
    // onChange is the caller's reset, not an input of the filters
  }, [typed, columns]);
  const type = (key: string, value: string) => setTyped((t) => ({ ...t, [key]: value }));
  return { typed, type, filters };
}

/** A column's head: a button sorting by it where the controller sorts on it. */
export function HeaderCell<T>({ column, sort, onSort, disabled }: { column: Column<T>; sort?: Sort; onSort: (key: string) => void; disabled?: boolean }) {
  const sorted = sort?.field === column.key ? sort.dir : undefined;
  return (
    <th className={column.className} aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}>
      {column.sortable ? (
        <button type="button" className="sort" disabled={disabled} onClick={() => onSort(column.key)}>
          {column.title}
          <span aria-hidden="true">{sorted ? (sorted === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      ) : (
        column.title
      )}
    </th>
  );
}

/** A column's filter box: a choice of its options, or free text. */
export function FilterCell<T>({ column, value, onChange, disabled }: { column: Column<T>; value: string; onChange: (value: string) => void; disabled?: boolean }) {
  const { filter, title } = column;
  return (
    <th>
      {filter?.options ? (
        <select aria-label={`Filter ${title}`} disabled={disabled} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">All</option>
          {filter.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : filter ? (
        <input type="search" aria-label={`Filter ${title}`} placeholder="Filter" disabled={disabled} value={value} onChange={(e) => onChange(e.target.value)} />
      ) : null}
    </th>
  );
}

export function BodyCell<T>({ column, row }: { column: Column<T>; row: T }) {
  return <td className={column.className}>{column.render ? column.render(row) : String((row as Record<string, unknown>)[column.key] ?? '')}</td>;
}

/** Below the rows: the fetch's error, the first load, or why there are no rows. */
export function TableStatus({ error, retry, loading, loaded, rows, filtered, empty }: {
  error?: Error;
  retry: () => void;
  loading: boolean;
  loaded: boolean;
  rows: number;
  filtered: boolean;
  empty?: ReactNode;
}) {
  if (error) return <ErrorBox error={error} retry={retry} />;
  if (loading && !loaded) return <Loading />;
  if (rows === 0) return <Empty>{empty ?? (filtered ? 'Nothing matches the filters.' : 'Nothing here yet.')}</Empty>;
  return null;
}

/** Previous and Next, with the rows shown between them. */
export function Pager({ label, start, pageSize, rows, more, loading, locked, onStart }: {
  label: string;
  start: number;
  pageSize: number;
  rows: number;
  more: boolean;
  /** A later page is being fetched while this one shows. */
  loading: boolean;
  /** Paging is held (pending changes on this page). */
  locked?: boolean;
  onStart: (start: number) => void;
}) {
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={start === 0 || locked} onClick={() => onStart(Math.max(0, start - pageSize))}>
        Previous
      </button>
      <span>
        {rows ? `${start + 1}–${start + rows}` : '0'}
        {loading ? ' (loading)' : ''}
      </span>
      <button type="button" disabled={!more || locked} onClick={() => onStart(start + pageSize)}>
        Next
      </button>
    </nav>
  );
}
