import { configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Api } from '../../api/client';
import { TestSession } from '../../session';
import { listAnswer, type Sent } from '../../test/fakeController';

// two loaded cores run the suites in parallel: waits for the page are generous
configure({ asyncUtilTimeout: 5000 });

/** Renders a page in a session of that role (admin writes, reader only reads). */
export function renderPage(page: ReactElement, role = 'admin') {
  return render(<TestSession api={new Api('t')} role={role}>{page}</TestSession>);
}

/** The list query as the controller answers it: f_, s_ and start/limit over rows. */
export const listed = listAnswer;

/** The requests of a method and path. */
export function sentTo(sent: Sent[], method: string, path: string): Sent[] {
  return sent.filter((s) => s.method === method && s.path === path);
}
