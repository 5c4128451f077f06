// The records of NeuVector's logs (/v1/log/...): flat JSON objects with name, level, reported_timestamp and the
// fields of their kind. What the table and the details show of them.

export type LogRecord = Record<string, unknown>;

/** NeuVector's levels, most severe first. */
export const LEVELS = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Info', 'Debug'];

/** A field as text: arrays joined, objects as JSON, nothing for null and empty values. */
export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).filter((v) => v !== '').join(', ');
  if (typeof value === 'object') {
    const json = JSON.stringify(value);
    return json === '{}' ? '' : json;
  }
  return String(value);
}

/** The records of an answer's list, whatever else it holds: an answer that is no list gives none. */
export function recordsOf(answer: unknown, key: string): LogRecord[] {
  const list = answer && typeof answer === 'object' ? (answer as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list.filter((r): r is LogRecord => !!r && typeof r === 'object' && !Array.isArray(r)) : [];
}

/** The fields of a record worth showing, in its order: those with a value. */
export function shownFields(record: LogRecord): [string, string][] {
  return Object.entries(record)
    .map(([k, v]) => [k, text(v)] as [string, string])
    .filter(([, v]) => v !== '');
}
