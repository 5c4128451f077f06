import { configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Api } from '../../api/client';
import { TestSession } from '../../session';
import type { Sent } from '../../test/fakeController';

// two loaded cores run the suites in parallel: waits for the page are generous
configure({ asyncUtilTimeout: 5000 });

/** Renders a page in a session of that role (admin writes, reader only reads). */
export function renderPage(page: ReactElement, role = 'admin') {
  return render(<TestSession api={new Api('t')} role={role}>{page}</TestSession>);
}

/** The list query as the controller answers it: f_ (eq, in), s_ and start/limit over rows. */
export function listed<T>(rows: T[], sent: Sent): T[] {
  let out = [...rows];
  for (const [k, v] of sent.query) {
    if (!k.startsWith('f_')) continue;
    const [op, value] = v.split(',', 2);
    const field = k.slice(2);
    out = out.filter((r) => {
      const text = String((r as Record<string, unknown>)[field] ?? '');
      return op === 'eq' ? text === value : text.includes(value);
    });
  }
  for (const [k, v] of sent.query) {
    if (!k.startsWith('s_')) continue;
    const field = k.slice(2);
    const sign = v === 'desc' ? -1 : 1;
    out.sort((a, b) => (String((a as Record<string, unknown>)[field]) > String((b as Record<string, unknown>)[field]) ? sign : -sign));
  }
  const start = Number(sent.query.get('start') ?? 0);
  const limit = Number(sent.query.get('limit') ?? 0);
  return out.slice(start, limit ? start + limit : undefined);
}

/** The requests of a method and path. */
export function sentTo(sent: Sent[], method: string, path: string): Sent[] {
  return sent.filter((s) => s.method === method && s.path === path);
}
