import { render } from '@testing-library/react';
import type { ComponentType } from 'react';
import { Api } from '../../api/client';
import { useLocation } from '../../router';
import { TestSession } from '../../session';
import type { PageProps } from '../routes';

/** Renders a page as the shell does: with the location of the hash, which changes as the page navigates. */
export function showPage(Page: ComponentType<PageProps>, hash = '') {
  window.location.hash = hash;
  function AtLocation() {
    return <Page location={useLocation()} />;
  }
  return render(
    <TestSession api={new Api('t')}>
      <AtLocation />
    </TestSession>,
  );
}

/** n records of a log, newest first, as the controller lists them. */
export function records(n: number, make: (i: number) => Record<string, unknown>, newest = 1_780_000_000) {
  return Array.from({ length: n }, (_, i) => ({
    level: 'Info',
    reported_timestamp: newest - i * 60,
    reported_at: new Date((newest - i * 60) * 1000).toISOString(),
    cluster_name: 'cluster.local',
    ...make(i),
  }));
}
