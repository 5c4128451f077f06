import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ComponentType } from 'react';
import { Api } from '../../api/client';
import { TestSession } from '../../session';
import type { PageProps } from '../routes';

/** Renders a settings page in a session of the given role, over whatever fetch the test installed. */
export function renderPage(Page: ComponentType<PageProps>, role = 'admin') {
  return render(
    <TestSession api={new Api('t')} role={role}>
      <Page location={{ path: '/settings', params: new URLSearchParams() }} />
    </TestSession>,
  );
}

/** Types into the field of that label, inside scope (the open dialog, say) when given. */
export function fill(label: string | RegExp, value: string, scope?: HTMLElement) {
  fireEvent.change((scope ? within(scope) : screen).getByLabelText(label), { target: { value } });
}
