import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status, type Sent } from '../../test/fakeController';
import Configuration from './Configuration';
import { fill, renderPage } from './testing';
import type { SystemConfig, Webhook } from './types';

// the controller's defaults (SystemConfigs.Config.defaults)
const defaults = (): SystemConfig => ({
  new_service_policy_mode: 'Discover',
  new_service_profile_baseline: 'zero-drift',
  unused_group_aging: 24,
  cluster_name: 'cluster.local',
  syslog_status: false,
  syslog_ip: '',
  syslog_port: 514,
  syslog_ip_proto: 17,
  syslog_level: 'Info',
  syslog_categories: ['event', 'security-event', 'audit'],
  syslog_in_json: false,
  single_cve_per_syslog: false,
  syslog_cve_in_layers: false,
  output_event_to_logs: true,
  webhooks: [{ name: 'slack', url: 'https://hooks.example/a', enable: true, use_proxy: false, type: 'Slack', cfg_type: 'user_created' }],
  registry_http_proxy_status: false,
  registry_https_proxy_status: true,
  registry_http_proxy: { url: '', username: '', password: '' },
  registry_https_proxy: { url: 'https://proxy.example:3128', username: 'bob', password: '' },
  auth_order: ['local'],
  net_service_status: false,
  net_service_policy_mode: 'Discover',
  mode_auto_d2m: false,
  mode_auto_d2m_duration: 3600,
  mode_auto_m2p: false,
  mode_auto_m2p_duration: 3600,
  xff_enabled: true,
  monitor_service_mesh: false,
  no_telemetry_report: true,
  disable_net_policy: false,
  detect_unmanaged_wl: false,
  strict_group_mode: false,
});

/** A controller keeping the config, checking the syslog port as ours does. */
function controller() {
  let config = defaults();
  let scan = { auto_scan: false, enable_auto_scan_workload: false, enable_auto_scan_host: false };
  const sent = fakeController({
    'GET /v1/system/config': () => ({ config }),
    'PATCH /v1/system/config': (s) => {
      const body = s.body as Record<string, Partial<SystemConfig>>;
      const merged = { ...config, ...body.config, ...body.net_config, ...body.atmo_config };
      if (merged.syslog_port < 1 || merged.syslog_port > 65535) throw new Status(400, 'syslog_port must be 1 to 65535');
      config = merged;
      return {};
    },
    'GET /v1/scan/config': () => ({ config: scan }),
    'PATCH /v1/scan/config': (s) => {
      scan = { ...scan, ...(s.body as { config: typeof scan }).config };
      return {};
    },
    'POST /v1/system/config/webhook': (s) => {
      config = { ...config, webhooks: [...config.webhooks, (s.body as { config: Webhook }).config] };
      return {};
    },
    'PATCH /v1/system/config/webhook/{name}': (s) => {
      const hook = (s.body as { config: Webhook }).config;
      config = { ...config, webhooks: config.webhooks.map((w) => (w.name === hook.name ? hook : w)) };
      return {};
    },
    'DELETE /v1/system/config/webhook/{name}': (s) => {
      config = { ...config, webhooks: config.webhooks.filter((w) => `/v1/system/config/webhook/${w.name}` !== s.path) };
      return {};
    },
  });
  return sent;
}

const patches = (sent: Sent[], path = '/v1/system/config') => sent.filter((s) => s.method === 'PATCH' && s.path === path).map((s) => s.body);
const section = (name: string) => screen.getByRole('form', { name });

test('each section sends only its own part of the patch', async () => {
  const sent = controller();
  renderPage(Configuration);
  await screen.findByRole('form', { name: 'New services' });

  const services = section('New services');
  expect(within(services).getByRole('button', { name: 'Save new services' })).toBeDisabled();
  fireEvent.change(within(services).getByLabelText('Policy mode of new services'), { target: { value: 'Protect' } });
  fireEvent.change(within(services).getByLabelText('Process profile baseline'), { target: { value: 'basic' } });
  fireEvent.click(within(services).getByRole('button', { name: 'Save new services' }));
  await within(services).findByText('Saved.');

  const network = section('Network security');
  fireEvent.click(within(network).getByLabelText('Network service policy mode applies'));
  fireEvent.change(within(network).getByLabelText('Network service policy mode'), { target: { value: 'Monitor' } });
  fireEvent.click(within(network).getByRole('button', { name: 'Save network security' }));
  await within(network).findByText('Saved.');

  const auto = section('Mode automation');
  fireEvent.click(within(auto).getByLabelText('Move groups from Discover to Monitor'));
  fill('Discover to Monitor after seconds', '7200', auto);
  fireEvent.click(within(auto).getByRole('button', { name: 'Save mode automation' }));
  await within(auto).findByText('Saved.');

  expect(patches(sent)).toEqual([
    { config: { new_service_policy_mode: 'Protect', new_service_profile_baseline: 'basic' } },
    { net_config: { net_service_status: true, net_service_policy_mode: 'Monitor', disable_net_policy: false, detect_unmanaged_wl: false, strict_group_mode: false } },
    { atmo_config: { mode_auto_d2m: true, mode_auto_d2m_duration: 7200, mode_auto_m2p: false, mode_auto_m2p_duration: 3600 } },
  ]);
  // a saved section shows the controller's values; the others keep what they showed
  expect(within(section('New services')).getByLabelText('Policy mode of new services')).toHaveValue('Protect');
});

test("shows the controller's refusal of a bad value under its section, and Undo restores", async () => {
  controller();
  renderPage(Configuration);
  const syslog = await screen.findByRole('form', { name: 'Syslog' });
  fireEvent.click(within(syslog).getByLabelText('Send to syslog'));
  fill('Syslog server', 'logs.example', syslog);
  fill('Syslog port', '70000', syslog);
  fireEvent.change(within(syslog).getByLabelText('Protocol'), { target: { value: '66' } });
  fireEvent.click(within(syslog).getByLabelText('Risk reports (audit)'));
  fireEvent.click(within(syslog).getByRole('button', { name: 'Save syslog' }));
  expect(await within(syslog).findByRole('alert')).toHaveTextContent('syslog_port must be 1 to 65535');
  fireEvent.click(within(syslog).getByRole('button', { name: 'Undo' }));
  expect(within(syslog).getByLabelText('Syslog port')).toHaveValue(514);
  expect(within(syslog).queryByRole('alert')).toBeNull();
});

test('syslog categories and protocol go as NeuVector names them', async () => {
  const sent = controller();
  renderPage(Configuration);
  const syslog = await screen.findByRole('form', { name: 'Syslog' });
  fireEvent.click(within(syslog).getByLabelText('Events'));
  fireEvent.change(within(syslog).getByLabelText('Protocol'), { target: { value: '6' } });
  fireEvent.click(within(syslog).getByLabelText('In JSON'));
  fireEvent.click(within(syslog).getByRole('button', { name: 'Save syslog' }));
  await within(syslog).findByText('Saved.');
  expect(patches(sent)[0]).toMatchObject({ config: { syslog_categories: ['security-event', 'audit'], syslog_ip_proto: 6, syslog_in_json: true } });
});

test('a proxy is sent only when edited, since its password is never shown', async () => {
  const sent = controller();
  renderPage(Configuration);
  const proxies = await screen.findByRole('form', { name: 'Registry proxies' });
  fireEvent.click(within(proxies).getByLabelText('Use an HTTP proxy'));
  fireEvent.click(within(proxies).getByRole('button', { name: 'Save registry proxies' }));
  await within(proxies).findByText('Saved.');
  fill('HTTP proxy URL', 'http://proxy.example:3128', proxies);
  fill('HTTP proxy password', 's3cret', proxies);
  fireEvent.click(within(proxies).getByRole('button', { name: 'Save registry proxies' }));
  await waitFor(() => expect(patches(sent)).toHaveLength(2));
  expect(patches(sent)).toEqual([
    { config: { registry_http_proxy_status: true, registry_https_proxy_status: true } },
    {
      config: {
        registry_http_proxy_status: true,
        registry_https_proxy_status: true,
        registry_http_proxy: { url: 'http://proxy.example:3128', username: '', password: 's3cret' },
      },
    },
  ]);
});

test('turns automatic scans on', async () => {
  const sent = controller();
  renderPage(Configuration);
  const scans = await screen.findByRole('form', { name: 'Automatic scans' });
  fireEvent.click(within(scans).getByLabelText('Scan running containers automatically'));
  fireEvent.click(within(scans).getByRole('button', { name: 'Save automatic scans' }));
  await within(scans).findByText('Saved.');
  expect(patches(sent, '/v1/scan/config')).toEqual([{ config: { enable_auto_scan_workload: true, enable_auto_scan_host: false } }]);
});

test('adds, edits and deletes webhooks', async () => {
  const sent = controller();
  renderPage(Configuration);
  const hooks = await screen.findByRole('table', { name: 'Webhooks' });
  expect(await within(hooks).findByText('https://hooks.example/a')).toBeInTheDocument();

  fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
  let dialog = screen.getByRole('dialog', { name: 'Add webhook' });
  fill('Webhook name', 'ops', dialog);
  fill('Webhook URL', 'https://ops.example/hook', dialog);
  fireEvent.change(within(dialog).getByLabelText('Webhook type'), { target: { value: 'JSON' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add webhook' }));
  await within(hooks).findByText('https://ops.example/hook');
  expect(sent.find((s) => s.method === 'POST')?.body).toEqual({
    config: { name: 'ops', url: 'https://ops.example/hook', enable: true, use_proxy: false, type: 'JSON', cfg_type: 'user_created' },
  });

  fireEvent.click(within(hooks).getByText('https://ops.example/hook'));
  dialog = screen.getByRole('dialog', { name: 'Webhook ops' });
  fireEvent.click(within(dialog).getByLabelText('Enabled'));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save webhook' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(sent.find((s) => s.method === 'PATCH' && s.path === '/v1/system/config/webhook/ops')?.body).toMatchObject({ config: { name: 'ops', enable: false } });

  fireEvent.click(within(hooks).getByText('https://ops.example/hook'));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete webhook…' }));
  fireEvent.click(within(screen.getByRole('dialog', { name: 'Delete webhook ops' })).getByRole('button', { name: 'Delete webhook' }));
  await waitFor(() => expect(within(hooks).queryByText('https://ops.example/hook')).toBeNull());
});

test('a role that may not change the configuration sees it without Save buttons', async () => {
  controller();
  renderPage(Configuration, 'reader');
  const cluster = await screen.findByRole('form', { name: 'Cluster' });
  expect(within(cluster).getByLabelText('Cluster name')).toBeDisabled();
  expect(screen.queryByRole('button', { name: /^Save/ })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Add webhook' })).toBeNull();
});

test('shows why the configuration could not be loaded', async () => {
  fakeController({
    'GET /v1/system/config': () => {
      throw new Status(403, 'Access denied');
    },
  });
  renderPage(Configuration);
  expect(await screen.findByText(/Access denied/)).toBeInTheDocument();
});
