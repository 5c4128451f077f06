import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { listQuery, pageOf, type PageRequest } from '../../api/listQuery';
import { SeverityBadge, Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { useApi } from '../../session';
import { LEVELS, recordsOf, shownFields, text, type LogRecord } from './logRecord';
import './notifications.css';

/** A record as listed: where it is in the list (records have no id of their own) and the record. */
export interface Listed {
  at: number;
  record: LogRecord;
}

/** A part of the details shown before all the fields: a title and the fields it names. */
export interface DetailSection {
  title: string;
  fields: [field: string, title: string][];
}

/** A column showing a record's field; sortable and filterable as the options say. */
export function field(key: string, title: string, options: Partial<Column<Listed>> = {}): Column<Listed> {
  return { key, title, render: (row) => text(row.record[key]), ...options };
}

/** A filter matching what contains the typed text. */
export const contains = { op: 'in' as const };

export const timeColumn: Column<Listed> = {
  key: 'reported_timestamp',
  title: 'Time',
  sortable: true,
  className: 'log-time',
  render: (row) => <Time value={row.record.reported_timestamp as number | undefined} />,
};

export const levelColumn: Column<Listed> = {
  key: 'level',
  title: 'Level',
  filter: { options: LEVELS },
  render: (row) => <SeverityBadge severity={text(row.record.level)} />,
};

/**
 * A log of the controller as a table: paged, sorted and filtered by the controller (its list query), newest
 * first; a row opens its fields beside the table.
 */
export function LogTable({
  label,
  path,
  replyKey,
  columns,
  sections = [],
  empty,
}: {
  label: string;
  path: string;
  replyKey: string;
  columns: Column<Listed>[];
  sections?: DetailSection[];
  empty?: ReactNode;
}) {
  const api = useApi();
  const [open, setOpen] = useState<Listed>();
  const fetchPage = useCallback(
    async (page: PageRequest) => {
      const shown = pageOf(recordsOf(await api.get(path, listQuery(page)), replyKey), page);
      return { rows: shown.rows.map((record, i) => ({ at: page.start + i, record })), more: shown.more };
    },
    [api, path, replyKey],
  );
  return (
    <div className={open ? 'split' : undefined}>
      <DataTable
        label={label}
        columns={columns}
        fetchPage={fetchPage}
        rowKey={(row) => String(row.at)}
        initialSort={{ field: 'reported_timestamp', dir: 'desc' }}
        onRowActivate={setOpen}
        activeKey={open ? String(open.at) : undefined}
        empty={empty}
      />
      {open && <Details key={open.at} record={open.record} sections={sections} onClose={() => setOpen(undefined)} />}
    </div>
  );
}

function Details({ record, sections, onClose }: { record: LogRecord; sections: DetailSection[]; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => {
    // back to the row that opened it when it closes
    const before = document.activeElement as HTMLElement | null;
    heading.current?.focus();
    return () => before?.focus();
  }, []);
  const present = sections
    .map((s) => ({ ...s, fields: s.fields.filter(([f]) => text(record[f]) !== '') }))
    .filter((s) => s.fields.length > 0);
  return (
    <aside className="panel log-details" aria-labelledby={id} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header className="log-details-head">
        <h2 id={id} ref={heading} tabIndex={-1}>
          {text(record.name) || 'Record'}
        </h2>
        <button type="button" onClick={onClose}>
          Close details
        </button>
      </header>
      <p className="muted">
        <SeverityBadge severity={text(record.level)} /> <Time value={record.reported_timestamp as number | undefined} />
      </p>
      {present.map((s) => (
        <section key={s.title} aria-label={s.title}>
          <h3>{s.title}</h3>
          <dl className="kv">
            {s.fields.map(([f, title]) => (
              <div key={f} style={{ display: 'contents' }}>
                <dt>{title}</dt>
                <dd>{text(record[f])}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <section aria-label="All fields">
        <h3>All fields</h3>
        <dl className="kv">
          {shownFields(record).map(([f, v]) => (
            <div key={f} style={{ display: 'contents' }}>
              <dt>
                <code>{f}</code>
              </dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
    </aside>
  );
}
