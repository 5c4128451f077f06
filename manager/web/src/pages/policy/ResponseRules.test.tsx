import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import ResponseRules from './ResponseRules';
import { listed, renderPage, sentTo } from './testing';
import type { ResponseRule } from './types';

const location = { path: '/policy/response-rules', params: new URLSearchParams() };
const options = {
  response_rule_options: {
    event: { types: ['name', 'level'], actions: ['webhook', 'suppress-log'] },
    'security-event': { types: ['name', 'level'], actions: ['quarantine', 'webhook', 'suppress-log'] },
  },
  webhooks: ['slack', 'pager'],
};

function rule(id: number, extra: Partial<ResponseRule> = {}): ResponseRule {
  return { id, event: 'security-event', comment: '', group: 'nv.web', conditions: [{ type: 'level', value: 'critical' }], actions: ['quarantine'], webhooks: [], disable: false, cfg_type: 'user_created', ...extra };
}

function controller(rules: ResponseRule[], extra = {}) {
  return fakeController({
    'GET /v1/response/rule': (s) => ({ rules: listed(rules, s) }),
    'GET /v1/response/options': () => options,
    'GET /v1/group': () => ({ groups: [{ name: 'nv.web' }] }),
    'PATCH /v1/response/rule': () => ({}),
    'PATCH /v1/response/rule/{id}': () => ({}),
    'DELETE /v1/response/rule/{id}': () => ({}),
    ...extra,
  });
}

test('lists the rules with their conditions and actions, and reorders them with moves', async () => {
  const sent = controller([rule(1), rule(2, { event: 'event', group: '', actions: ['webhook'], webhooks: ['slack'] })]);
  renderPage(<ResponseRules location={location} />);
  expect(await screen.findAllByText('level: critical')).toHaveLength(2);
  expect(screen.getByText('→ slack')).toBeInTheDocument();
  expect(sentTo(sent, 'GET', '/v1/response/rule')[0].query.get('limit')).toBe('26');
  fireEvent.click(screen.getByRole('button', { name: 'Move response rule 2 up' }));
  fireEvent.click(screen.getByRole('button', { name: 'Save order' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/response/rule').map((s) => s.body)).toEqual([{ move: { id: 2, after: 0 } }]));
});

test('adds a rule whose actions and conditions follow the event', async () => {
  const sent = controller([]);
  renderPage(<ResponseRules location={location} />);
  await screen.findByText('No response rules.');
  await waitFor(() => expect(screen.getByRole('button', { name: 'Add response rule' })).toBeEnabled());
  fireEvent.click(screen.getByRole('button', { name: 'Add response rule' }));
  const dialog = screen.getByRole('dialog', { name: 'Add a response rule' });
  expect(within(dialog).queryByLabelText('Quarantine')).toBeNull();
  fireEvent.change(within(dialog).getByLabelText('Event'), { target: { value: 'security-event' } });
  fireEvent.change(within(dialog).getByLabelText('Group'), { target: { value: 'nv.web' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add condition' }));
  fireEvent.change(within(dialog).getByLabelText('condition 1 Type'), { target: { value: 'level' } });
  fireEvent.change(within(dialog).getByLabelText('condition 1 Value'), { target: { value: 'critical' } });
  fireEvent.click(within(dialog).getByLabelText('Quarantine'));
  fireEvent.click(within(dialog).getByLabelText('Webhook'));
  fireEvent.click(within(dialog).getByLabelText('pager'));
  fireEvent.change(within(dialog).getByLabelText('Position'), { target: { value: 'bottom' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/response/rule')).toHaveLength(1));
  expect(sentTo(sent, 'PATCH', '/v1/response/rule')[0].body).toEqual({
    insert: { after: -1, rules: [{ id: 0, event: 'security-event', group: 'nv.web', conditions: [{ type: 'level', value: 'critical' }], actions: ['quarantine', 'webhook'], webhooks: ['pager'], disable: false, comment: '' }] },
  });
});

test('edits and deletes a rule; a refusal stays in the dialog', async () => {
  const sent = controller([rule(5)], {
    'PATCH /v1/response/rule/{id}': () => {
      throw new Status(400, 'quarantine needs a group');
    },
  });
  renderPage(<ResponseRules location={location} />);
  await screen.findByText('nv.web');
  await waitFor(() => expect(screen.getByRole('button', { name: 'Edit response rule 5' })).toBeEnabled());
  fireEvent.click(screen.getByRole('button', { name: 'Edit response rule 5' }));
  const dialog = screen.getByRole('dialog', { name: 'Edit response rule 5' });
  fireEvent.change(within(dialog).getByLabelText('Group'), { target: { value: '' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  expect(await within(dialog).findByRole('alert')).toHaveTextContent('quarantine needs a group');
  expect(sentTo(sent, 'PATCH', '/v1/response/rule/5')[0].body).toMatchObject({ config: { id: 5, group: '', actions: ['quarantine'] } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  fireEvent.click(screen.getByRole('button', { name: 'Delete response rule 5' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
  await waitFor(() => expect(sentTo(sent, 'DELETE', '/v1/response/rule/5')).toHaveLength(1));
});

test('a reader only reads; a failing list shows its error', async () => {
  controller([rule(1)]);
  renderPage(<ResponseRules location={location} />, 'reader');
  await screen.findByText('nv.web');
  expect(screen.queryByRole('button', { name: 'Add response rule' })).toBeNull();
  expect(screen.queryByRole('button', { name: /Move response rule/ })).toBeNull();
  fakeController({
    'GET /v1/response/rule': () => {
      throw new Status(403, 'Access denied');
    },
    'GET /v1/response/options': () => options,
  });
  renderPage(<ResponseRules location={location} />);
  expect(await screen.findByRole('alert')).toHaveTextContent('Access denied');
});
