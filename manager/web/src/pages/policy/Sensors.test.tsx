import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, listAnswer, Status, type Sent } from '../../test/fakeController';
import Sensors from './Sensors';
import { renderPage, sentTo } from './testing';
import type { Sensor } from './types';

const location = { path: '/policy/sensors', params: new URLSearchParams() };
const card: Sensor = { name: 'sensor.creditcard', groups: ['nv.shop'], comment: 'Credit card numbers', predefine: true, rules: [{ name: 'rule.visa', patterns: [{ key: 'pattern', op: 'regex', value: '\\b4[0-9]{3}\\b', context: 'packet' }] }] };
const own: Sensor = { name: 'secrets', groups: [], comment: 'keys', predefine: false, rules: [{ name: 'rule.key', patterns: [{ key: 'pattern', op: 'regex', value: 'BEGIN PRIVATE', context: 'packet' }] }] };
const waf: Sensor = { name: 'sqli', groups: [], comment: '', predefine: false, rules: [] };

const one = (sensors: Sensor[]) => (s: Sent) => {
  const sensor = sensors.find((x) => s.path.endsWith(`/${x.name}`));
  if (!sensor) throw new Status(404, 'Sensor not found');
  return { sensor };
};

function controller(extra = {}) {
  return fakeController({
    'GET /v1/dlp/sensor': (s) => ({ sensors: listAnswer([card, own], s) }),
    'GET /v1/dlp/sensor/{name}': one([card, own]),
    'GET /v1/waf/sensor': (s) => ({ sensors: listAnswer([waf], s) }),
    'GET /v1/waf/sensor/{name}': one([waf]),
    'POST /v1/waf/sensor': () => ({}),
    'PATCH /v1/dlp/sensor/{name}': () => ({}),
    'DELETE /v1/dlp/sensor/{name}': () => ({}),
    ...extra,
  });
}

test('lists the DLP sensors through the list query, opens one with its patterns and the groups that use it', async () => {
  const sent = controller();
  renderPage(<Sensors location={location} />);
  fireEvent.click(await screen.findByText('sensor.creditcard'));
  const detail = await screen.findByRole('region', { name: 'sensor.creditcard' });
  expect(await within(detail).findByText('\\b4[0-9]{3}\\b')).toBeInTheDocument();
  expect(within(detail).getByRole('link', { name: 'nv.shop' })).toHaveAttribute('href', '#/policy/groups?name=nv.shop');
  expect(within(detail).queryByRole('button', { name: 'Edit sensor' })).toBeNull();
  expect(sentTo(sent, 'GET', '/v1/dlp/sensor')[0].query.get('limit')).toBe('26');
  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Name' }), { target: { value: 'secr' } });
  await waitFor(() => expect(screen.queryByRole('cell', { name: 'sensor.creditcard' })).toBeNull());
  expect(sentTo(sent, 'GET', '/v1/dlp/sensor').at(-1)!.query.get('f_name')).toBe('in,secr');
  fireEvent.click(screen.getByRole('button', { name: /^Comment/ }));
  await waitFor(() => expect(sentTo(sent, 'GET', '/v1/dlp/sensor').at(-1)!.query.get('s_comment')).toBe('asc'));
});

test('a sensor that is gone when opened shows why', async () => {
  controller({ 'GET /v1/dlp/sensor': () => ({ sensors: [{ ...own, name: 'gone' }] }) });
  renderPage(<Sensors location={location} />);
  fireEvent.click(await screen.findByText('gone'));
  const detail = await screen.findByRole('region', { name: 'gone' });
  expect(await within(detail).findByRole('alert')).toHaveTextContent('Sensor not found');
});

test('adds a WAF sensor with a rule of two patterns', async () => {
  const sent = controller();
  renderPage(<Sensors location={location} />);
  await screen.findByText('secrets');
  fireEvent.click(screen.getByRole('tab', { name: 'WAF sensors' }));
  await screen.findByText('sqli');
  fireEvent.click(screen.getByRole('button', { name: 'Add WAF sensor' }));
  const dialog = screen.getByRole('dialog', { name: 'Add a WAF sensor' });
  fireEvent.change(within(dialog).getByLabelText('Sensor name'), { target: { value: 'xss' } });
  fireEvent.change(within(dialog).getByLabelText('rule 1 Name'), { target: { value: 'rule.script' } });
  fireEvent.change(within(dialog).getByLabelText('rule 1 pattern 1 Pattern'), { target: { value: '<script' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add rule 1 pattern' }));
  fireEvent.change(within(dialog).getByLabelText('rule 1 pattern 2 Match'), { target: { value: '!regex' } });
  fireEvent.change(within(dialog).getByLabelText('rule 1 pattern 2 Pattern'), { target: { value: 'nonce=' } });
  fireEvent.change(within(dialog).getByLabelText('rule 1 pattern 2 Context'), { target: { value: 'header' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(sentTo(sent, 'POST', '/v1/waf/sensor')).toHaveLength(1));
  expect(sentTo(sent, 'POST', '/v1/waf/sensor')[0].body).toEqual({
    config: {
      name: 'xss',
      comment: '',
      rules: [{ name: 'rule.script', patterns: [{ key: 'pattern', op: 'regex', value: '<script', context: 'url' }, { key: 'pattern', op: '!regex', value: 'nonce=', context: 'header' }] }],
    },
  });
});

test('edits a custom sensor\'s rules, and deletion shows a refusal', async () => {
  const sent = controller({
    'DELETE /v1/dlp/sensor/{name}': () => {
      throw new Status(409, 'The sensor is used by groups [nv.shop]');
    },
  });
  renderPage(<Sensors location={location} />);
  fireEvent.click(await screen.findByText('secrets'));
  fireEvent.click(await screen.findByRole('button', { name: 'Edit sensor' }));
  const dialog = screen.getByRole('dialog', { name: 'Edit DLP sensor secrets' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add rule' }));
  fireEvent.change(within(dialog).getByLabelText('rule 2 Name'), { target: { value: 'rule.token' } });
  fireEvent.change(within(dialog).getByLabelText('rule 2 pattern 1 Pattern'), { target: { value: 'ghp_[A-Za-z0-9]+' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/dlp/sensor/secrets')).toHaveLength(1));
  expect(sentTo(sent, 'PATCH', '/v1/dlp/sensor/secrets')[0].body).toEqual({
    config: {
      name: 'secrets',
      comment: 'keys',
      rules: [
        { name: 'rule.key', patterns: [{ key: 'pattern', op: 'regex', value: 'BEGIN PRIVATE', context: 'packet' }] },
        { name: 'rule.token', patterns: [{ key: 'pattern', op: 'regex', value: 'ghp_[A-Za-z0-9]+', context: 'packet' }] },
      ],
    },
  });
  // the saved sensor is shown again as the controller has it now, once the form has closed
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  const detail = await screen.findByRole('region', { name: 'secrets' });
  fireEvent.click(await within(detail).findByRole('button', { name: 'Delete sensor' }));
  const confirm = await screen.findByRole('dialog', { name: 'Delete sensor secrets' });
  fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
  expect(await within(confirm).findByRole('alert')).toHaveTextContent('The sensor is used by groups [nv.shop]');
});

test('a reader cannot add; an unreachable list shows the error', async () => {
  controller();
  renderPage(<Sensors location={location} />, 'reader');
  await screen.findByText('secrets');
  expect(screen.queryByRole('button', { name: 'Add DLP sensor' })).toBeNull();
  fakeController({
    'GET /v1/dlp/sensor': () => {
      throw new Status(500, 'store unavailable');
    },
  });
  renderPage(<Sensors location={location} />);
  expect(await screen.findByRole('alert')).toHaveTextContent('store unavailable');
});
