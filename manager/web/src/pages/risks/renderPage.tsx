import { configure, render } from '@testing-library/react';
import type { ComponentType } from 'react';
import { vi } from 'vitest';
import { Api } from '../../api/client';
import { TestSession } from '../../session';
import type { PageProps } from '../routes';

// Pages wait on the fake controller and on the tables' filter delay: generous for two loaded cores.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

/** For page tests: renders a page at a path and query, in a session of this role, against the installed fetch. */
export function renderPage(Page: ComponentType<PageProps>, path: string, query = '', role = 'admin') {
  window.location.hash = `#${path}${query ? `?${query}` : ''}`;
  return render(
    <TestSession api={new Api('t')} role={role}>
      <Page location={{ path, params: new URLSearchParams(query) }} />
    </TestSession>,
  );
}

/** The last request sent to a path (and method). */
export function last<T extends { method: string; path: string }>(sent: T[], method: string, path: string): T | undefined {
  return sent.filter((s) => s.method === method && s.path === path).at(-1);
}
