import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import Groups from './Groups';
import { listed, renderPage, sentTo } from './testing';
import type { Group } from './types';

const at = (params = '') => ({ path: '/policy/groups', params: new URLSearchParams(params) });

function group(name: string, extra: Partial<Group> = {}): Group {
  return { name, comment: '', learned: false, reserved: false, policy_mode: '', profile_mode: '', domain: '', kind: 'container', cfg_type: 'user_created', criteria: [], members: [], policy_rules: [], ...extra };
}

const learned = (name: string, mode = 'Discover') => group(name, { learned: true, cfg_type: 'learned', policy_mode: mode, profile_mode: mode });
const groups = [learned('nv.web.default'), learned('nv.db.default', 'Monitor'), group('nodes', { reserved: true, kind: 'node', cfg_type: 'system_defined', policy_mode: 'Discover', profile_mode: 'Discover' }), group('frontends', { criteria: [{ key: 'image', op: '=', value: 'nginx*' }] })];

test('lists the groups through the list query: sorted by name, filtered by the controller', async () => {
  const sent = fakeController({ 'GET /v1/group': (s) => ({ groups: listed(groups, s) }) });
  renderPage(<Groups location={at()} />);
  await screen.findByText('nv.web.default');
  expect(sentTo(sent, 'GET', '/v1/group')[0].query.get('s_name')).toBe('asc');
  fireEvent.change(screen.getByRole('combobox', { name: 'Filter Type' }), { target: { value: 'learned' } });
  await waitFor(() => expect(sentTo(sent, 'GET', '/v1/group').at(-1)?.query.get('f_cfg_type')).toBe('eq,learned'));
  await waitFor(() => expect(screen.queryByText('frontends')).toBeNull());
});

test('switches the selected groups with a mode to Protect in one call, and says which had none', async () => {
  const sent = fakeController({ 'GET /v1/group': (s) => ({ groups: listed(groups, s) }), 'PATCH /v1/service/config': () => ({}) });
  renderPage(<Groups location={at()} />);
  await screen.findByText('nv.web.default');
  for (const name of ['nv.web.default', 'nodes', 'frontends']) fireEvent.click(screen.getByRole('checkbox', { name: `Select ${name}` }));
  const bulk = screen.getByRole('group', { name: "Switch the selected groups' mode" });
  fireEvent.click(within(bulk).getByRole('button', { name: 'Protect' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/service/config')).toHaveLength(1));
  expect(sentTo(sent, 'PATCH', '/v1/service/config')[0].body).toEqual({ config: { services: ['web.default', 'nodes'], policy_mode: 'Protect', profile_mode: 'Protect' } });
  expect(await screen.findByRole('status')).toHaveTextContent('2 groups switched to Protect. 1 selected group has no mode');
});

test('a refused mode change shows the controller\'s message', async () => {
  fakeController({
    'GET /v1/group': (s) => ({ groups: listed(groups, s) }),
    'PATCH /v1/service/config': () => {
      throw new Status(400, 'Services managed by CRDs change there');
    },
  });
  renderPage(<Groups location={at()} />);
  await screen.findByText('nv.db.default');
  fireEvent.click(screen.getByRole('checkbox', { name: 'Select nv.db.default' }));
  fireEvent.click(screen.getByRole('button', { name: 'Monitor' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Services managed by CRDs change there');
});

test('adds a custom group with criteria rows', async () => {
  const sent = fakeController({ 'GET /v1/group': (s) => ({ groups: listed(groups, s) }), 'POST /v1/group': () => ({}) });
  renderPage(<Groups location={at()} />);
  await screen.findByText('frontends');
  fireEvent.click(screen.getByRole('button', { name: 'Add group' }));
  const dialog = screen.getByRole('dialog', { name: 'Add a group' });
  fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'payments' } });
  fireEvent.change(within(dialog).getByLabelText('criterion 1 Key'), { target: { value: 'namespace' } });
  fireEvent.change(within(dialog).getByLabelText('criterion 1 Value'), { target: { value: 'pay' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add criterion' }));
  fireEvent.change(within(dialog).getByLabelText('criterion 2 Key'), { target: { value: 'label' } });
  fireEvent.change(within(dialog).getByLabelText('criterion 2 Operator'), { target: { value: 'contains' } });
  fireEvent.change(within(dialog).getByLabelText('criterion 2 Value'), { target: { value: 'app=api' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(sentTo(sent, 'POST', '/v1/group')).toHaveLength(1));
  expect(sentTo(sent, 'POST', '/v1/group')[0].body).toEqual({
    config: { name: 'payments', comment: '', cfg_type: 'user_created', criteria: [{ key: 'namespace', op: '=', value: 'pay' }, { key: 'label', op: 'contains', value: 'app=api' }] },
  });
  await waitFor(() => expect(window.location.hash).toBe('#/policy/groups?name=payments'));
});

function detailController(g: Group, extra = {}) {
  return fakeController({
    'GET /v1/group/{name}': () => ({ group: g }),
    'GET /v1/process_profile/{name}': () => ({ process_profile: { group: g.name, baseline: 'zero-drift', mode: g.profile_mode, process_list: [{ name: 'nginx', path: '/usr/sbin/nginx', action: 'allow', cfg_type: 'learned' }] } }),
    'PATCH /v1/process_profile/{name}': () => ({}),
    'GET /v1/file_monitor/{name}': () => ({ profile: { group: g.name, filters: [{ filter: '/etc/passwd', recursive: false, behavior: 'monitor_change', applications: [], cfg_type: 'system_defined' }, { filter: '/app/conf', recursive: true, behavior: 'block_access', applications: ['java'], cfg_type: 'user_created' }] } }),
    'PATCH /v1/file_monitor/{name}': () => ({}),
    'GET /v1/policy/rule': (s) => ({ rules: s.query.get('f_from') ? [{ id: 4, from: g.name, to: 'db', ports: 'tcp/5432', action: 'allow', applications: ['any'], learned: false, disable: false, cfg_type: 'user_created', comment: '' }] : [] }),
    'PATCH /v1/service/config': () => ({}),
    ...extra,
  });
}

test('a group opens with its members, and its mode switches', async () => {
  const g = { ...learned('nv.web.default'), members: [{ id: 'c1', name: 'k8s_web', display_name: 'web-1', image: 'nginx:1', state: 'discover', host_name: 'node-a', domain: 'default', policy_mode: 'Discover' }], policy_rules: [4] };
  const sent = detailController(g);
  renderPage(<Groups location={at('name=nv.web.default')} />);
  await screen.findByRole('heading', { name: 'nv.web.default' });
  fireEvent.click(screen.getByRole('tab', { name: 'Members (1)' }));
  expect(await screen.findByText('web-1')).toBeInTheDocument();
  const modes = screen.getByRole('group', { name: 'Group mode' });
  expect(within(modes).getByRole('button', { name: 'Discover' })).toHaveAttribute('aria-pressed', 'true');
  fireEvent.click(within(modes).getByRole('button', { name: 'Protect' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/service/config')[0]?.body).toEqual({ config: { services: ['web.default'], policy_mode: 'Protect', profile_mode: 'Protect' } }));

  fireEvent.click(screen.getByRole('tab', { name: 'Network rules (1)' }));
  expect(await screen.findByText('tcp/5432')).toBeInTheDocument();
  expect(sentTo(sent, 'GET', '/v1/policy/rule').map((s) => s.query.toString()).sort()).toEqual(['f_from=eq%2Cnv.web.default', 'f_to=eq%2Cnv.web.default']);
});

test('process rules are added, switched and deleted', async () => {
  const sent = detailController(learned('nv.web.default'));
  renderPage(<Groups location={at('name=nv.web.default')} />);
  await screen.findByRole('heading', { name: 'nv.web.default' });
  fireEvent.click(screen.getByRole('tab', { name: 'Process profile' }));
  await screen.findByText('/usr/sbin/nginx');
  fireEvent.change(screen.getByLabelText('Process name'), { target: { value: 'sh' } });
  fireEvent.change(screen.getByLabelText('Path'), { target: { value: '/bin/sh' } });
  fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'deny' } });
  fireEvent.click(screen.getByRole('button', { name: 'Add process rule' }));
  fireEvent.click(screen.getByRole('button', { name: 'Deny nginx /usr/sbin/nginx' }));
  fireEvent.click(screen.getByRole('button', { name: 'Delete process rule nginx /usr/sbin/nginx' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/process_profile/nv.web.default')).toHaveLength(3));
  expect(sentTo(sent, 'PATCH', '/v1/process_profile/nv.web.default').map((s) => s.body)).toEqual([
    { process_profile_config: { group: 'nv.web.default', process_change_list: [{ name: 'sh', path: '/bin/sh', action: 'deny' }] } },
    { process_profile_config: { group: 'nv.web.default', process_change_list: [{ name: 'nginx', path: '/usr/sbin/nginx', action: 'deny' }] } },
    { process_profile_config: { group: 'nv.web.default', process_delete_list: [{ name: 'nginx', path: '/usr/sbin/nginx' }] } },
  ]);
});

test('file rules: predefined ones are fixed, own ones are added, changed and deleted', async () => {
  const sent = detailController(learned('nv.web.default'));
  renderPage(<Groups location={at('name=nv.web.default')} />);
  await screen.findByRole('heading', { name: 'nv.web.default' });
  fireEvent.click(screen.getByRole('tab', { name: 'File profile' }));
  await screen.findByText('/app/conf');
  expect(screen.queryByRole('button', { name: 'Edit file rule /etc/passwd' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Add file rule' }));
  let dialog = screen.getByRole('dialog', { name: 'Add a file rule' });
  fireEvent.change(within(dialog).getByLabelText('Filter'), { target: { value: '/data/*' } });
  fireEvent.click(within(dialog).getByLabelText('Recursive'));
  fireEvent.change(within(dialog).getByLabelText('Behavior'), { target: { value: 'block_access' } });
  fireEvent.change(within(dialog).getByLabelText('Allowed applications'), { target: { value: 'java, /bin/cp' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  fireEvent.click(screen.getByRole('button', { name: 'Edit file rule /app/conf' }));
  dialog = screen.getByRole('dialog', { name: 'Edit file rule /app/conf' });
  fireEvent.change(within(dialog).getByLabelText('Behavior'), { target: { value: 'monitor_change' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  fireEvent.click(screen.getByRole('button', { name: 'Delete file rule /app/conf' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/file_monitor/nv.web.default')).toHaveLength(3));
  expect(sentTo(sent, 'PATCH', '/v1/file_monitor/nv.web.default').map((s) => s.body)).toEqual([
    { config: { add_filters: [{ filter: '/data/*', recursive: true, behavior: 'block_access', applications: ['java', '/bin/cp'] }] } },
    { config: { update_filters: [{ filter: '/app/conf', recursive: true, behavior: 'monitor_change', applications: ['java'] }] } },
    { config: { delete_filters: [{ filter: '/app/conf' }] } },
  ]);
});

test('a custom group has no mode, and its criteria are edited', async () => {
  const sent = detailController(groups[3], { 'PATCH /v1/group/{name}': () => ({}) });
  renderPage(<Groups location={at('name=frontends')} />);
  await screen.findByRole('heading', { name: 'frontends' });
  expect(await screen.findByText('nginx*')).toBeInTheDocument();
  expect(screen.queryByRole('group', { name: 'Group mode' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Edit group' }));
  const dialog = screen.getByRole('dialog', { name: 'Edit group frontends' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Remove criterion 1' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add criterion' }));
  fireEvent.change(within(dialog).getByLabelText('criterion 1 Key'), { target: { value: 'address' } });
  fireEvent.change(within(dialog).getByLabelText('criterion 1 Value'), { target: { value: '10.0.0.0/8' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/group/frontends')[0]?.body).toEqual({ config: { name: 'frontends', comment: '', criteria: [{ key: 'address', op: '=', value: '10.0.0.0/8' }] } }));
});

test('a reader gets no write controls; a missing group shows the error', async () => {
  detailController(learned('nv.web.default'));
  renderPage(<Groups location={at('name=nv.web.default')} />, 'reader');
  await screen.findByRole('heading', { name: 'nv.web.default' });
  expect(screen.queryByRole('group', { name: 'Group mode' })).toBeNull();
  fakeController({
    'GET /v1/group/{name}': () => {
      throw new Status(404, 'Group not found');
    },
  });
  renderPage(<Groups location={at('name=gone')} />);
  expect(await screen.findByRole('alert')).toHaveTextContent('Group not found');
});

test('a group name with slashes, spaces and markup reaches the controller encoded and shows as text', async () => {
  const odd = '<b>x</b> /../admin?y';
  const sent = detailController(group(odd));
  renderPage(<Groups location={at(new URLSearchParams({ name: odd }).toString())} />);
  expect(await screen.findByRole('heading', { name: odd })).toBeInTheDocument();
  expect(sent[0].path).toBe(`/v1/group/${odd}`);
  expect(document.querySelector('b')).toBeNull();
});

test('binds a DLP sensor to the group with its action, and shows the WAF ones', async () => {
  const sent = detailController(learned('nv.web.default'), {
    'GET /v1/dlp/group/{name}': () => ({ dlp_group: { name: 'nv.web.default', status: false, sensors: [], cfg_type: 'user_created' } }),
    'GET /v1/waf/group/{name}': () => ({ waf_group: { name: 'nv.web.default', status: true, sensors: [{ name: 'sqli', action: 'deny', exist: true, comment: '' }], cfg_type: 'user_created' } }),
    'GET /v1/dlp/sensor': () => ({ sensors: [{ name: 'sensor.ssn' }, { name: 'sensor.creditcard' }] }),
    'GET /v1/waf/sensor': () => ({ sensors: [{ name: 'sqli' }] }),
    'PATCH /v1/dlp/group/{name}': () => ({}),
  });
  renderPage(<Groups location={at('name=nv.web.default')} />);
  await screen.findByRole('heading', { name: 'nv.web.default' });
  fireEvent.click(screen.getByRole('tab', { name: 'DLP and WAF' }));
  const waf = await screen.findByRole('region', { name: 'WAF sensors of the group' });
  expect(await within(waf).findByText('sqli')).toBeInTheDocument();
  const dlp = screen.getByRole('region', { name: 'DLP sensors of the group' });
  await within(dlp).findByText('No DLP sensor is bound.');
  fireEvent.click(within(dlp).getByLabelText('DLP inspection enabled'));
  fireEvent.change(within(dlp).getByLabelText('DLP sensor to bind'), { target: { value: 'sensor.ssn' } });
  fireEvent.click(within(dlp).getByRole('button', { name: 'Bind DLP sensor' }));
  fireEvent.change(within(dlp).getByLabelText('DLP sensor.ssn action'), { target: { value: 'allow' } });
  fireEvent.click(within(dlp).getByRole('button', { name: 'Save DLP sensors' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/dlp/group/nv.web.default')[0]?.body).toEqual({ config: { name: 'nv.web.default', status: true, replace: [{ name: 'sensor.ssn', action: 'allow' }] } }));
});
