import { vi } from 'vitest';
import type { FilterOp, Sort } from '../api/listQuery';
import { pageLocally } from '../api/localPage';

// For component tests: answers the console's fetch calls from a table of routes, and records what was sent.
// End-to-end tests (cli module, ConsoleIT) run the real controller.

export interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export type Handler = (sent: Sent) => unknown;

/**
 * Installs a fetch that answers "METHOD /v1/path" routes (path without the query; {x} matches one segment).
 * A handler's value is the JSON answer; throw a {@link Status} for an error answer. Unknown routes answer 404.
 */
export function fakeController(routes: Record<string, Handler>): Sent[] {
  const sent: Sent[] = [];
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ', 2);
    const regex = new RegExp(`^${pattern.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return { method, regex, handler };
  });
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'https://console.test/');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' && init.body ? JSON.parse(init.body) : init.body;
    const s: Sent = { method, path: decodeURIComponent(url.pathname), query: url.searchParams, headers: new Headers(init.headers), body };
    sent.push(s);
    const route = table.find((r) => r.method === method && r.regex.test(url.pathname));
    if (!route) return json(404, { code: 1, error: 'not found', message: `no route ${method} ${url.pathname}` });
    try {
      return json(200, route.handler(s) ?? {});
    } catch (e) {
      if (e instanceof Status) return json(e.status, { code: 1, error: e.message, message: e.message });
      throw e;
    }
  });
  return sent;
}

export class Status extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * The rows a controller answers to the list query that was sent (f_FIELD=OP,VALUE, s_FIELD, start, limit; limit 0
 * or none is all), with the controller's semantics, so that a fake answers paged, sorted and filtered lists.
 */
export function listAnswer<T>(rows: readonly T[], sent: Sent): T[] {
  const filters = [...sent.query.entries()]
    .filter(([key]) => key.startsWith('f_'))
    .map(([key, value]) => {
      const comma = value.indexOf(',');
      return comma < 0 ? { field: key.slice(2), op: 'eq' as FilterOp, value } : { field: key.slice(2), op: value.slice(0, comma) as FilterOp, value: value.slice(comma + 1) };
    });
  const sortKey = [...sent.query.keys()].find((key) => key.startsWith('s_'));
  const sort: Sort | undefined = sortKey ? { field: sortKey.slice(2), dir: sent.query.get(sortKey) === 'desc' ? 'desc' : 'asc' } : undefined;
  const start = Number(sent.query.get('start') ?? 0);
  const limit = Number(sent.query.get('limit') ?? 0) || rows.length;
  return pageLocally(rows, { start, limit, filters, sort }).rows;
}
