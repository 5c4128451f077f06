import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import Events from './Events';
import { records, showPage } from './testing';

test('lists events with the controller filtering by name and message', async () => {
  const events = records(3, (i) => ({
    name: ['Container.Start', 'User.Login', 'Agent.Connect'][i],
    category: ['WORKLOAD', 'USER', 'ENFORCER'][i],
    workload_name: i === 0 ? 'web-1' : '',
    user: i === 1 ? 'admin' : '',
    message: ['Container started', 'User logged in', 'Enforcer connected'][i],
  }));
  const sent = fakeController({ 'GET /v1/log/event': () => ({ events }) });
  showPage(Events);
  const table = await screen.findByRole('table', { name: 'Events' });
  await within(table).findByText('User logged in');
  expect(within(table).getAllByRole('row')).toHaveLength(2 + 3);

  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Name' }), { target: { value: 'User.' } });
  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Message' }), { target: { value: 'logged' } });
  await waitFor(() => {
    expect(sent.at(-1)!.query.get('f_name')).toBe('in,User.');
    expect(sent.at(-1)!.query.get('f_message')).toBe('in,logged');
  });
  fireEvent.click(within(table).getByRole('button', { name: /Time/ }));
  await waitFor(() => expect(sent.at(-1)!.query.get('s_reported_timestamp')).toBe('asc'));
});

test('an answer that is no list shows nothing rather than failing; an error shows', async () => {
  fakeController({ 'GET /v1/log/event': () => ({ events: { not: 'a list' } }) });
  const { unmount } = showPage(Events);
  await screen.findByText('Nothing here yet.');
  unmount();

  fakeController({
    'GET /v1/log/event': () => {
      throw new Status(500, 'The log is unavailable');
    },
  });
  showPage(Events);
  expect(await screen.findByRole('alert')).toHaveTextContent('The log is unavailable');
});
