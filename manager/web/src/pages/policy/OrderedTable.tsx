import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Page, PageRequest, Sort } from '../../api/listQuery';
import type { Column } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { BodyCell, FilterCell, HeaderCell, Pager, TableStatus, useColumnFilters } from '../../components/tableParts';
import { moved, movesFor, type Move } from './reorder';

export interface OrderedTableProps<T> {
  label: string;
  /** Names one row in button labels: "Move rule 3 up". */
  noun: string;
  columns: Column<T>[];
  fetchPage: (page: PageRequest) => Promise<Page<T>>;
  rowId: (row: T) => number;
  /** Whether the user may reorder; the order is saved with these moves, one after the other. */
  reorder?: (move: Move) => Promise<unknown>;
  onRowActivate?: (row: T) => void;
  rowActions?: (row: T) => ReactNode;
  reloadKey?: unknown;
  toolbar?: ReactNode;
  pageSize?: number;
  empty?: ReactNode;
}

/**
 * Rules in first-match order, paged, sorted and filtered by the controller, that the user reorders within the page
 * shown by dragging rows, with each row's Move up / Move down buttons, or with Alt+Arrow keys on a row. The new
 * order stays pending until saved (as moves after the rule before the page) or undone. Reordering needs the
 * controller's order: it is off while the list is sorted or filtered.
 */
export function OrderedTable<T>(props: OrderedTableProps<T>) {
  const { columns, fetchPage, rowId, pageSize = 25, label, noun } = props;
  const [start, setStart] = useState(0);
  const [sort, setSort] = useState<Sort>();
  const { typed, type, filters } = useColumnFilters(columns, () => setStart(0));
  const [state, setState] = useState<{ loaded?: { rows: T[]; more: boolean; anchor: number }; error?: Error; loading: boolean }>({ loading: true });
  const [order, setOrder] = useState<T[]>([]);
  const [tick, setTick] = useState(0);
  const [dragging, setDragging] = useState<number>();
  const [over, setOver] = useState<number>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [announce, setAnnounce] = useState('');
  const call = useRef(0);
  const focusId = useRef<number>(undefined);
  const body = useRef<HTMLTableSectionElement>(null);

  const ordered = !sort && filters.length === 0;
  useEffect(() => {
    const id = ++call.current;
    setState((s) => ({ ...s, loading: true }));
    // in policy order after the first page, the rule before the page comes too: moves to the top go after it
    const withAnchor = ordered && start > 0;
    const request = withAnchor ? { start: start - 1, limit: pageSize + 1, sort, filters } : { start, limit: pageSize, sort, filters };
    fetchPage(request).then(
      (page) => {
        if (id !== call.current) return;
        const rows = withAnchor ? page.rows.slice(1) : page.rows;
        const anchor = withAnchor && page.rows.length > 0 ? rowId(page.rows[0]) : 0;
        setState({ loaded: { rows, more: page.more, anchor }, loading: false });
        setOrder(rows);
        setSaveError(undefined);
      },
      (error: Error) => id === call.current && setState({ error, loading: false }),
    );
  }, [fetchPage, rowId, start, pageSize, sort, filters, ordered, tick, props.reloadKey]);

  useEffect(() => {
    if (focusId.current === undefined) return;
    body.current?.querySelector<HTMLElement>(`tr[data-id="${focusId.current}"]`)?.focus();
    focusId.current = undefined;
  }, [order]);

  const loaded = state.loaded;
  const originalIds = (loaded?.rows ?? []).map(rowId);
  const ids = order.map(rowId);
  const dirty = ids.join() !== originalIds.join();
  const canReorder = props.reorder !== undefined && ordered;

  const moveRow = (from: number, to: number) => {
    if (!canReorder || to < 0 || to >= order.length) return;
    const id = rowId(order[from]);
    focusId.current = id;
    setOrder(moved(order, from, to));
    setAnnounce(`${noun} ${id} moved to position ${start + to + 1}; save the order to keep it.`);
  };

  const save = async () => {
    if (!props.reorder || !loaded) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      for (const m of movesFor(originalIds, ids, loaded.anchor)) await props.reorder(m);
      setAnnounce('The new order is saved.');
      setTick((t) => t + 1);
    } catch (e) {
      setSaveError(`The order was not saved: ${(e as Error).message}`);
      setTick((t) => t + 1);
    } finally {
      setSaving(false);
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, row: T, index: number) => {
    if (e.target !== e.currentTarget) return;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      moveRow(index, index + (e.key === 'ArrowUp' ? -1 : 1));
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const rows = Array.from(body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-id]') ?? []);
      rows[Math.max(0, Math.min(rows.length - 1, index + (e.key === 'ArrowUp' ? -1 : 1)))]?.focus();
    } else if (e.key === 'Enter') {
      props.onRowActivate?.(row);
    } else {
      return;
    }
    e.preventDefault();
  };

  // the dragged row is read from a ref: a drop may come before React renders the drag's start
  const dragFrom = useRef<number>(undefined);
  const drag = {
    start: (e: DragEvent, index: number) => {
      dragFrom.current = index;
      setDragging(index);
      e.dataTransfer?.setData('text/plain', String(rowId(order[index])));
      if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
    },
    over: (e: DragEvent, index: number) => {
      if (dragFrom.current === undefined) return;
      e.preventDefault();
      setOver(index);
    },
    drop: (e: DragEvent, index: number) => {
      e.preventDefault();
      if (dragFrom.current !== undefined) moveRow(dragFrom.current, index);
      drag.end();
    },
    end: () => {
      dragFrom.current = undefined;
      setDragging(undefined);
      setOver(undefined);
    },
  };

  const toggleSort = (key: string) => {
    setSort((s) => (s?.field === key ? (s.dir === 'asc' ? { field: key, dir: 'desc' } : undefined) : { field: key, dir: 'asc' }));
    setStart(0);
  };

  return (
    <div className="table-wrap ordered">
      <div className="toolbar">
        {props.toolbar}
        {props.reorder && !ordered && <span className="muted">Clear the sort and the filters to reorder.</span>}
        {dirty && (
          <span className="pending">
            <strong>The order has changed.</strong>
            <button type="button" className="primary" disabled={saving} onClick={save}>
              Save order
            </button>
            <button type="button" disabled={saving} onClick={() => setOrder(loaded?.rows ?? [])}>
              Undo order
            </button>
          </span>
        )}
        <FormError message={saveError} />
      </div>
      <span className="skip" role="status" aria-live="polite">
        {announce}
      </span>
      <table className="data" aria-label={label} aria-busy={state.loading}>
        <thead>
          <tr>
            {canReorder && <th className="grip" aria-label="Drag to reorder" />}
            {columns.map((c) => (
              <HeaderCell key={c.key} column={c} sort={sort} onSort={toggleSort} disabled={dirty} />
            ))}
            {canReorder && <th>Order</th>}
            {props.rowActions && <th>Actions</th>}
          </tr>
          {columns.some((c) => c.filter) && (
            <tr className="filters">
              {canReorder && <th />}
              {columns.map((c) => (
                <FilterCell key={c.key} column={c} value={typed[c.key] ?? ''} onChange={(v) => type(c.key, v)} disabled={dirty} />
              ))}
              {canReorder && <th />}
              {props.rowActions && <th />}
            </tr>
          )}
        </thead>
        <tbody ref={body}>
          {order.map((row, index) => {
            const id = rowId(row);
            const classes = [dragging === index ? 'dragging' : '', over === index && dragging !== index ? 'drop-target' : '', originalIds[index] !== id ? 'moved' : ''];
            return (
              <tr
                key={id}
                data-id={id}
                tabIndex={0}
                aria-label={`${noun} ${id}`}
                className={classes.filter(Boolean).join(' ') || undefined}
                draggable={canReorder}
                onDragStart={(e) => drag.start(e, index)}
                onDragOver={(e) => drag.over(e, index)}
                onDrop={(e) => drag.drop(e, index)}
                onDragEnd={drag.end}
                onClick={() => props.onRowActivate?.(row)}
                onKeyDown={(e) => onRowKey(e, row, index)}
              >
                {canReorder && (
                  <td className="grip" aria-hidden="true" title="Drag to reorder">
                    ⠿
                  </td>
                )}
                {columns.map((c) => (
                  <BodyCell key={c.key} column={c} row={row} />
                ))}
                {canReorder && (
                  <td className="move" onClick={(e) => e.stopPropagation()}>
                    <button type="button" aria-label={`Move ${noun} ${id} up`} disabled={index === 0 || saving} onClick={() => moveRow(index, index - 1)}>
                      ↑
                    </button>{' '}
                    <button type="button" aria-label={`Move ${noun} ${id} down`} disabled={index === order.length - 1 || saving} onClick={() => moveRow(index, index + 1)}>
                      ↓
                    </button>
                  </td>
                )}
                {props.rowActions && (
                  <td className="move" onClick={(e) => e.stopPropagation()}>
                    {props.rowActions(row)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <TableStatus error={state.error} retry={() => setTick((t) => t + 1)} loading={state.loading} loaded={loaded !== undefined} rows={order.length} filtered={filters.length > 0} empty={props.empty} />
      <Pager label={label} start={start} pageSize={pageSize} rows={order.length} more={loaded?.more ?? false} loading={state.loading && loaded !== undefined} locked={dirty} onStart={setStart} />
    </div>
  );
}
