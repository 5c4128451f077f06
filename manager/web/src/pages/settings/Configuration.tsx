import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { Link } from '../../router';
import { useApi, useSession } from '../../session';
import type { PageProps } from '../routes';
import { AutoScanSection } from './AutoScanSection';
import { ConfigSection, pick } from './ConfigSection';
import { CheckField, NumberField, SelectField, TextField } from '../../components/Fields';
import { ProxySection } from './ProxySection';
import type { SystemConfig } from './types';
import { Webhooks } from './Webhooks';
import './settings.css';

const PATH = '/v1/system/config';
const MODES = [{ value: 'Discover' }, { value: 'Monitor' }, { value: 'Protect' }] as const;
const BASELINES = [
  { value: 'zero-drift', title: 'Zero-drift' },
  { value: 'basic', title: 'Basic' },
] as const;
const PROTOCOLS = [
  { value: 17, title: 'UDP' },
  { value: 6, title: 'TCP' },
  { value: 66, title: 'TCP with TLS' },
] as const;
const LEVELS = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Info', 'Debug'].map((value) => ({ value }));
const CATEGORIES = [
  { value: 'event', title: 'Events' },
  { value: 'security-event', title: 'Security events' },
  { value: 'audit', title: 'Risk reports (audit)' },
] as const;

const NEW_SERVICES = ['new_service_policy_mode', 'new_service_profile_baseline'] as const;
const MODE_AUTO = ['mode_auto_d2m', 'mode_auto_d2m_duration', 'mode_auto_m2p', 'mode_auto_m2p_duration'] as const;
const CLUSTER = ['cluster_name', 'unused_group_aging', 'xff_enabled', 'monitor_service_mesh', 'no_telemetry_report'] as const;
const NETWORK = ['net_service_status', 'net_service_policy_mode', 'disable_net_policy', 'detect_unmanaged_wl', 'strict_group_mode'] as const;
const SYSLOG = [
  'syslog_status',
  'syslog_ip',
  'syslog_port',
  'syslog_ip_proto',
  'syslog_level',
  'syslog_categories',
  'syslog_in_json',
  'single_cve_per_syslog',
  'syslog_cve_in_layers',
  'output_event_to_logs',
] as const;

export default function Configuration(_: PageProps) {
  const api = useApi();
  const session = useSession();
  const canWrite = session.canWrite('config');
  const config = useAsync(() => api.get<{ config: SystemConfig }>(PATH).then((d) => d.config), [api]);
  // each section sends only its own part of NeuVector's patch: config, net_config or atmo_config
  const patch = (part: 'config' | 'net_config' | 'atmo_config') => async (fields: object) => {
    await api.patch(PATH, { [part]: fields });
    config.reload();
  };

  return (
    <AsyncView value={config}>
      {(c) => (
        <div className="settings-sections">
          <ConfigSection title="New services" saved={pick(c, NEW_SERVICES)} canWrite={canWrite} save={patch('config')}>
            {(d, set) => (
              <div className="form-row">
                <SelectField label="Policy mode of new services" value={d.new_service_policy_mode} options={MODES} onChange={set('new_service_policy_mode')} />
                <SelectField label="Process profile baseline" value={d.new_service_profile_baseline} options={BASELINES} onChange={set('new_service_profile_baseline')} />
              </div>
            )}
          </ConfigSection>

          <ConfigSection title="Mode automation" saved={pick(c, MODE_AUTO)} canWrite={canWrite} save={patch('atmo_config')}>
            {(d, set) => (
              <>
                <CheckField label="Move groups from Discover to Monitor" checked={d.mode_auto_d2m} onChange={set('mode_auto_d2m')} />
                <NumberField
                  label="Discover to Monitor after seconds"
                  value={d.mode_auto_d2m_duration}
                  onChange={set('mode_auto_d2m_duration')}
                  min={3600}
                  max={2_592_000}
                  disabled={!d.mode_auto_d2m}
                  hint="3600 (one hour) to 2592000 (30 days)"
                />
                <CheckField label="Move groups from Monitor to Protect" checked={d.mode_auto_m2p} onChange={set('mode_auto_m2p')} />
                <NumberField
                  label="Monitor to Protect after seconds"
                  value={d.mode_auto_m2p_duration}
                  onChange={set('mode_auto_m2p_duration')}
                  min={3600}
                  max={2_592_000}
                  disabled={!d.mode_auto_m2p}
                />
              </>
            )}
          </ConfigSection>

          <ConfigSection title="Cluster" saved={pick(c, CLUSTER)} canWrite={canWrite} save={patch('config')}>
            {(d, set) => (
              <>
                <TextField label="Cluster name" value={d.cluster_name} onChange={set('cluster_name')} />
                <NumberField
                  label="Unused group aging (hours)"
                  value={d.unused_group_aging}
                  onChange={set('unused_group_aging')}
                  min={0}
                  max={168}
                  hint="Learned groups without members are removed after this long; 0 keeps them."
                />
                <CheckField label="Trust X-Forwarded-For addresses" checked={d.xff_enabled} onChange={set('xff_enabled')} />
                <CheckField label="Monitor the service mesh" checked={d.monitor_service_mesh} onChange={set('monitor_service_mesh')} />
                <CheckField label="Send no telemetry report" checked={d.no_telemetry_report} onChange={set('no_telemetry_report')} />
              </>
            )}
          </ConfigSection>

          <ConfigSection title="Network security" saved={pick(c, NETWORK)} canWrite={canWrite} save={patch('net_config')}>
            {(d, set) => (
              <>
                <CheckField label="Network service policy mode applies" checked={d.net_service_status} onChange={set('net_service_status')} />
                <SelectField
                  label="Network service policy mode"
                  value={d.net_service_policy_mode}
                  options={MODES}
                  onChange={set('net_service_policy_mode')}
                  disabled={!d.net_service_status}
                />
                <CheckField label="Disable network policy" checked={d.disable_net_policy} onChange={set('disable_net_policy')} />
                <CheckField label="Detect unmanaged workloads" checked={d.detect_unmanaged_wl} onChange={set('detect_unmanaged_wl')} />
                <CheckField label="Strict group mode" checked={d.strict_group_mode} onChange={set('strict_group_mode')} />
              </>
            )}
          </ConfigSection>

          <ConfigSection title="Syslog" saved={pick(c, SYSLOG)} canWrite={canWrite} save={patch('config')}>
            {(d, set) => (
              <>
                <CheckField label="Send to syslog" checked={d.syslog_status} onChange={set('syslog_status')} />
                <div className="form-row">
                  <TextField label="Syslog server" value={d.syslog_ip} onChange={set('syslog_ip')} />
                  <NumberField label="Syslog port" value={d.syslog_port} onChange={set('syslog_port')} min={1} max={65535} />
                  <SelectField label="Protocol" value={d.syslog_ip_proto} options={PROTOCOLS} onChange={set('syslog_ip_proto')} />
                  <SelectField label="Level" value={d.syslog_level} options={LEVELS} onChange={set('syslog_level')} />
                </div>
                <fieldset className="plain" aria-label="Categories">
                  <span className="muted">Categories</span>
                  <div className="form-row">
                    {CATEGORIES.map((cat) => (
                      <CheckField
                        key={cat.value}
                        label={cat.title}
                        checked={d.syslog_categories.includes(cat.value)}
                        onChange={(on) =>
                          set('syslog_categories')(CATEGORIES.map((x) => x.value).filter((v) => (v === cat.value ? on : d.syslog_categories.includes(v))))
                        }
                      />
                    ))}
                  </div>
                </fieldset>
                <CheckField label="In JSON" checked={d.syslog_in_json} onChange={set('syslog_in_json')} />
                <CheckField label="One vulnerability per message" checked={d.single_cve_per_syslog} onChange={set('single_cve_per_syslog')} />
                <CheckField label="Vulnerabilities with their layers" checked={d.syslog_cve_in_layers} onChange={set('syslog_cve_in_layers')} />
                <CheckField label="Also write events to the controller's log" checked={d.output_event_to_logs} onChange={set('output_event_to_logs')} />
              </>
            )}
          </ConfigSection>

          <ProxySection config={c} canWrite={canWrite} save={patch('config')} />

          <section className="panel" aria-labelledby="section-authentication">
            <h2 id="section-authentication">Authentication</h2>
            <dl className="kv">
              <dt>Order of authentication servers</dt>
              <dd>{(c.auth_order ?? []).join(', ') || 'local'}</dd>
            </dl>
            <p className="muted">
              Session timeouts, password rules and login blocking are in the <Link to="/settings/password-profile">password profile</Link>.
            </p>
          </section>

          <AutoScanSection canWrite={session.canWrite('rt_scan')} />
          <Webhooks canWrite={canWrite} />
        </div>
      )}
    </AsyncView>
  );
}
