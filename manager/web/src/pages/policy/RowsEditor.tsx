import type { ReactNode } from 'react';

export interface RowField<T> {
  key: keyof T & string;
  label: string;
  /** A select of these choices (for this row); else (or when undefined for the row) a text input. */
  options?: string[] | ((row: T) => string[] | undefined);
  placeholder?: string;
}

/**
 * Rows of fields edited in place (criteria, conditions, patterns): each row's fields, a Remove button, and Add.
 * Every input is labelled "<noun> <n> <field>" so the keyboard and tests find it.
 */
export function RowsEditor<T>({ title, noun, rows, fields, onChange, newRow, extra, disabled }: { title: string; noun: string; rows: T[]; fields: RowField<T>[]; onChange: (rows: T[]) => void; newRow: () => T; extra?: (row: T, update: (row: T) => void, index: number) => ReactNode; disabled?: boolean }) {
  const update = (i: number, row: T) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className="rows-editor" disabled={disabled}>
      <legend>{title}</legend>
      {rows.length === 0 && <p className="muted">None yet.</p>}
      {rows.map((row, i) => (
        <div key={i} className="rows-editor-row">
          <div className="form-row">
            {fields.map((f) => {
              const label = `${noun} ${i + 1} ${f.label}`;
              const value = String(row[f.key] ?? '');
              const options = typeof f.options === 'function' ? f.options(row) : f.options;
              return (
                <label key={f.key}>
                  {f.label}
                  {options ? (
                    <select aria-label={label} value={value} onChange={(e) => update(i, { ...row, [f.key]: e.target.value })}>
                      {!options.includes(value) && <option value={value}>{value || '–'}</option>}
                      {options.map((o) => (
                        <option key={o}>{o}</option>
                      ))}
                    </select>
                  ) : (
                    <input aria-label={label} value={value} placeholder={f.placeholder} onChange={(e) => update(i, { ...row, [f.key]: e.target.value })} />
                  )}
                </label>
              );
            })}
            <button type="button" className="danger" aria-label={`Remove ${noun} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
          {extra?.(row, (r) => update(i, r), i)}
        </div>
      ))}
      <button type="button" className="add" onClick={() => onChange([...rows, newRow()])}>
        Add {noun}
      </button>
    </fieldset>
  );
}
