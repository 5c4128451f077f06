import { useApi } from '../../session';
import { useAsync } from '../../components/useAsync';
import { href } from '../../router';
import { Panel } from './Panel';

interface SystemSummary {
  hosts: number;
  controllers: number;
  enforcers: number;
  disconnected_enforcers: number;
  workloads: number;
  running_workloads: number;
  running_pods: number;
  services: number;
  policy_rules: number;
  scanners: number;
  cvedb_version: string;
}

/** The system summary row: nodes, containers, enforcers, controllers, scanners and the CVE database version. */
export function SummaryPanel({ tick }: { tick: number }) {
  const api = useApi();
  const value = useAsync(() => api.get<{ summary: SystemSummary }>('/v1/system/summary').then((r) => r.summary), [api, tick]);
  return (
    <Panel title="System summary" value={value} className="dash-full">
      {(s) => (
        <dl className="dash-summary">
          <Tile title="Nodes" value={s.hosts} to="/assets/nodes" />
          <Tile title="Running containers" value={s.running_workloads} to="/assets/containers" note={`of ${s.workloads ?? 0}`} />
          <Tile title="Pods" value={s.running_pods} />
          <Tile title="Services" value={s.services} to="/policy/groups" />
          <Tile
            title="Enforcers"
            value={s.enforcers}
            to="/assets/system"
            note={s.disconnected_enforcers ? `${s.disconnected_enforcers} disconnected` : undefined}
          />
          <Tile title="Controllers" value={s.controllers} to="/assets/system" />
          <Tile title="Scanners" value={s.scanners} to="/assets/system" />
          <Tile title="Network rules" value={s.policy_rules} to="/policy/network-rules" />
          <Tile title="CVE database" value={s.cvedb_version || '–'} />
        </dl>
      )}
    </Panel>
  );
}

function Tile({ title, value, to, note }: { title: string; value: number | string | undefined; to?: string; note?: string }) {
  const shown = value ?? 0;
  return (
    <div className="dash-tile">
      <dt>{title}</dt>
      <dd>
        {to ? (
          <a href={href(to)} aria-label={`${title}: ${shown}`}>
            {shown}
          </a>
        ) : (
          shown
        )}
        {note && <span className="muted"> {note}</span>}
      </dd>
    </div>
  );
}
