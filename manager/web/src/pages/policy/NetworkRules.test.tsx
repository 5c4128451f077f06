import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import NetworkRules from './NetworkRules';
import { listed, renderPage, sentTo } from './testing';
import type { NetworkRule } from './types';

const location = { path: '/policy/network-rules', params: new URLSearchParams() };

function rule(id: number, extra: Partial<NetworkRule> = {}): NetworkRule {
  return { id, comment: '', from: `g${id}`, to: 'external', ports: 'any', action: 'allow', applications: ['any'], learned: false, disable: false, cfg_type: 'user_created', ...extra };
}

function controller(rules: NetworkRule[], extra = {}) {
  return fakeController({
    'GET /v1/policy/rule': (s) => ({ rules: listed(rules, s) }),
    'PATCH /v1/policy/rule': () => ({}),
    'GET /v1/group': () => ({ groups: [{ name: 'web' }, { name: 'db' }] }),
    ...extra,
  });
}

const rowIds = () =>
  within(screen.getByRole('table', { name: 'Network rules' }))
    .getAllByRole('row')
    .map((r) => r.getAttribute('data-id'))
    .filter(Boolean);

test('lists the rules page by page in policy order, learned ones marked', async () => {
  const sent = controller([rule(1), rule(10001, { learned: true, cfg_type: 'learned', action: 'deny' })]);
  renderPage(<NetworkRules location={location} />);
  await screen.findByText('g10001');
  expect(within(screen.getByRole('row', { name: 'rule 10001' })).getByText('learned')).toBeInTheDocument();
  const get = sentTo(sent, 'GET', '/v1/policy/rule')[0];
  expect(get.query.get('start')).toBe('0');
  expect(get.query.get('limit')).toBe('26');
  expect([...get.query.keys()].some((k) => k.startsWith('s_'))).toBe(false);
});

test('a row moved with its button is saved as a move, and undo restores the order', async () => {
  const sent = controller([rule(1), rule(2), rule(3)]);
  renderPage(<NetworkRules location={location} />);
  await screen.findByText('g3');
  fireEvent.click(screen.getByRole('button', { name: 'Move rule 1 down' }));
  expect(rowIds()).toEqual(['2', '1', '3']);
  fireEvent.click(screen.getByRole('button', { name: 'Undo order' }));
  expect(rowIds()).toEqual(['1', '2', '3']);
  expect(sentTo(sent, 'PATCH', '/v1/policy/rule')).toHaveLength(0);

  fireEvent.click(screen.getByRole('button', { name: 'Move rule 3 up' }));
  fireEvent.click(screen.getByRole('button', { name: 'Save order' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/policy/rule').map((s) => s.body)).toEqual([{ move: { id: 3, after: 1 } }]));
});

test('Alt+Arrow moves the focused row, and drag and drop moves a row', async () => {
  const sent = controller([rule(1), rule(2), rule(3)]);
  renderPage(<NetworkRules location={location} />);
  await screen.findByText('g3');
  const row = (id: number) => screen.getByRole('row', { name: `rule ${id}` });
  row(1).focus();
  fireEvent.keyDown(row(1), { key: 'ArrowDown', altKey: true });
  expect(rowIds()).toEqual(['2', '1', '3']);
  await waitFor(() => expect(document.activeElement).toBe(row(1)));

  fireEvent.dragStart(row(3));
  fireEvent.dragOver(row(2));
  fireEvent.drop(row(2));
  expect(rowIds()).toEqual(['3', '2', '1']);
  fireEvent.click(screen.getByRole('button', { name: 'Save order' }));
  await waitFor(() =>
    expect(sentTo(sent, 'PATCH', '/v1/policy/rule').map((s) => s.body)).toEqual([{ move: { id: 3, after: 0 } }, { move: { id: 2, after: 3 } }]),
  );
});

test('on a later page, moves go after the rule before the page', async () => {
  const rules = Array.from({ length: 30 }, (_, i) => rule(i + 1));
  const sent = controller(rules);
  renderPage(<NetworkRules location={location} />);
  await screen.findByText('g25');
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByText('g30');
  const get = sentTo(sent, 'GET', '/v1/policy/rule').at(-1)!;
  expect(get.query.get('start')).toBe('24');
  expect(get.query.get('limit')).toBe('27');
  expect(rowIds()).toEqual(['26', '27', '28', '29', '30']);
  fireEvent.click(screen.getByRole('button', { name: 'Move rule 27 up' }));
  fireEvent.click(screen.getByRole('button', { name: 'Save order' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/policy/rule').map((s) => s.body)).toEqual([{ move: { id: 27, after: 25 } }]));
});

test('sorting or filtering is done by the controller and turns reordering off', async () => {
  const sent = controller([rule(1), rule(2, { from: 'web' })]);
  renderPage(<NetworkRules location={location} />);
  await screen.findByText('g1');
  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter From' }), { target: { value: 'web' } });
  await waitFor(() => expect(sentTo(sent, 'GET', '/v1/policy/rule').at(-1)?.query.get('f_from')).toBe('in,web'));
  await waitFor(() => expect(screen.queryByText('g1')).toBeNull());
  expect(screen.queryByRole('button', { name: /Move rule/ })).toBeNull();
  expect(screen.getByText('Clear the sort and the filters to reorder.')).toBeInTheDocument();
});

test('adds a rule at the top, and shows the controller refusing one', async () => {
  let refuse = true;
  const sent = controller([rule(1)], {
    'PATCH /v1/policy/rule': () => {
      if (refuse) throw new Status(400, "Group 'nope' does not exist");
      return {};
    },
  });
  renderPage(<NetworkRules location={location} />);
  await screen.findByText('g1');
  fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
  const dialog = screen.getByRole('dialog', { name: 'Add a network rule' });
  fireEvent.change(within(dialog).getByLabelText('From'), { target: { value: 'nope' } });
  fireEvent.change(within(dialog).getByLabelText('To'), { target: { value: 'db' } });
  fireEvent.change(within(dialog).getByLabelText('Ports'), { target: { value: 'tcp/5432' } });
  fireEvent.change(within(dialog).getByLabelText('Action'), { target: { value: 'deny' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  expect(await within(dialog).findByRole('alert')).toHaveTextContent("Group 'nope' does not exist");
  refuse = false;
  fireEvent.change(within(dialog).getByLabelText('From'), { target: { value: 'web' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(sentTo(sent, 'PATCH', '/v1/policy/rule').at(-1)?.body).toEqual({
    insert: { after: 0, rules: [{ id: 0, from: 'web', to: 'db', ports: 'tcp/5432', applications: ['any'], action: 'deny', disable: false, comment: '' }] },
  });
});

test('edits and deletes a rule by its id', async () => {
  const sent = controller([rule(7)], { 'PATCH /v1/policy/rule/{id}': () => ({}), 'DELETE /v1/policy/rule/{id}': () => ({}) });
  renderPage(<NetworkRules location={location} />);
  await screen.findByText('g7');
  fireEvent.click(screen.getByRole('button', { name: 'Edit rule 7' }));
  const dialog = screen.getByRole('dialog', { name: 'Edit rule 7' });
  fireEvent.click(within(dialog).getByLabelText('Disabled'));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/policy/rule/7')[0]?.body).toMatchObject({ config: { id: 7, disable: true, from: 'g7' } }));
  fireEvent.click(await screen.findByRole('button', { name: 'Delete rule 7' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
  await waitFor(() => expect(sentTo(sent, 'DELETE', '/v1/policy/rule/7')).toHaveLength(1));
});

test('a reader sees the rules without the controls that change them', async () => {
  controller([rule(1), rule(2)]);
  renderPage(<NetworkRules location={location} />, 'reader');
  await screen.findByText('g2');
  expect(screen.queryByRole('button', { name: 'Add rule' })).toBeNull();
  expect(screen.queryByRole('button', { name: /Move rule/ })).toBeNull();
  expect(screen.getByRole('row', { name: 'rule 1' })).not.toHaveAttribute('draggable', 'true');
});

test('shows the error when the rules cannot be read', async () => {
  fakeController({
    'GET /v1/policy/rule': () => {
      throw new Status(500, 'store unavailable');
    },
  });
  renderPage(<NetworkRules location={location} />);
  expect(await screen.findByRole('alert')).toHaveTextContent('store unavailable');
});
