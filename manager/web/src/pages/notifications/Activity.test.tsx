import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController } from '../../test/fakeController';
import Activity from './Activity';
import { records, showPage } from './testing';

const writes = records(60, (i) => ({
  name: i % 10 ? 'RESTful.Write' : 'RESTful.Write.Failed',
  level: i % 10 ? 'Info' : 'Warning',
  user: i % 2 ? 'admin' : 'ops',
  user_roles: { '': 'admin' },
  user_addr: '10.0.0.7',
  rest_method: ['POST', 'PATCH', 'DELETE'][i % 3],
  rest_request: `/v1/group/g${i}`,
  rest_status: i % 10 ? 200 : 403,
  category: 'RESTFUL',
}));

test('the audit trail pages through the controller and filters by user and method', async () => {
  const sent = fakeController({
    'GET /v1/log/activity': (s) => {
      const start = Number(s.query.get('start'));
      return { events: writes.slice(start, start + Number(s.query.get('limit'))) };
    },
  });
  showPage(Activity);
  const table = await screen.findByRole('table', { name: 'Activity' });
  await within(table).findByText('/v1/group/g0');
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
  await within(table).findByText('/v1/group/g59');
  expect(sent.at(-1)!.query.get('start')).toBe('50');
  expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

  fireEvent.change(screen.getByRole('combobox', { name: 'Filter Method' }), { target: { value: 'DELETE' } });
  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter User' }), { target: { value: 'ops' } });
  await waitFor(() => {
    expect(sent.at(-1)!.query.get('f_rest_method')).toBe('eq,DELETE');
    expect(sent.at(-1)!.query.get('f_user')).toBe('in,ops');
    expect(sent.at(-1)!.query.get('start')).toBe('0');
  });
});

test('a write opens who made it, from where, and how it ended', async () => {
  fakeController({ 'GET /v1/log/activity': () => ({ events: writes.slice(0, 1) }) });
  showPage(Activity);
  fireEvent.click(await screen.findByText('/v1/group/g0'));
  const change = within(await screen.findByRole('complementary', { name: 'RESTful.Write.Failed' })).getByRole('region', { name: 'Change' });
  expect(within(change).getByText('Status').nextSibling).toHaveTextContent('403');
  expect(within(change).getByText('Address').nextSibling).toHaveTextContent('10.0.0.7');
});
