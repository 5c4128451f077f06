import { useCallback } from 'react';
import { fetchPage, type PageRequest } from '../../api/listQuery';
import { Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { AsyncView } from '../../components/States';
import { Tabs } from '../../components/Tabs';
import { useAsync } from '../../components/useAsync';
import { Link, navigate } from '../../router';
import { useApi } from '../../session';
import '../risks/risks.css';
import type { PageProps } from '../routes';

interface Enforcer {
  id: string;
  name: string;
  display_name: string;
  host_name: string;
  host_id: string;
  version: string;
  cluster_ip: string;
  connection_state: string;
  joined_at: string;
  disconnected_at: string;
  started_at: string;
}

interface Controller extends Enforcer {
  leader: boolean;
  orch_conn_status: string;
  orch_conn_last_error: string;
}

interface Scanner {
  id: string;
  server: string;
  port: number;
  cvedb_version: string;
  joined_timestamp: number;
  scanned_containers: number;
  scanned_hosts: number;
  scanned_images: number;
}

interface Metry {
  cpu: number;
  memory: number;
  session_in: number;
  session_out: number;
  byte_in: number;
  byte_out: number;
}

interface Stats {
  read_at: string;
  stats: { interval: number; span_1: Metry; span_12: Metry; span_60: Metry };
}

type Tab = 'enforcers' | 'controllers' | 'scanners';
const tabs: { key: Tab; title: string }[] = [
  { key: 'enforcers', title: 'Enforcers' },
  { key: 'controllers', title: 'Controllers' },
  { key: 'scanners', title: 'Scanners' },
];

const connection = (c: Enforcer) => <span className={c.connection_state === 'connected' ? 'badge mode-protect' : 'badge sev-high'}>{c.connection_state}</span>;

const enforcerColumns: Column<Enforcer>[] = [
  { key: 'name', title: 'Name', sortable: true, filter: {}, render: (e) => e.display_name || e.name },
  { key: 'host_name', title: 'Node', sortable: true, filter: {}, render: (e) => (e.host_id ? <Link to="/assets/nodes" params={{ id: e.host_id }}>{e.host_name}</Link> : e.host_name) },
  { key: 'version', title: 'Version', sortable: true, filter: {} },
  { key: 'connection_state', title: 'Connection', sortable: true, filter: { options: ['connected', 'disconnected'] }, render: connection },
  { key: 'cluster_ip', title: 'Address', sortable: true },
  { key: 'joined_at', title: 'Joined', sortable: true, render: (e) => <Time value={e.joined_at} /> },
];

const controllerColumns: Column<Controller>[] = [
  ...enforcerColumns,
  { key: 'leader', title: 'Leader', render: (c) => (c.leader ? 'yes' : 'no') },
  { key: 'orch_conn_status', title: 'Orchestrator', render: (c) => c.orch_conn_status || <span className="muted">none</span> },
];

const scannerColumns: Column<Scanner>[] = [
  { key: 'id', title: 'Scanner', sortable: true, filter: {} },
  { key: 'server', title: 'Address', sortable: true, render: (s) => (s.server ? `${s.server}:${s.port}` : '–') },
  { key: 'cvedb_version', title: 'Database', sortable: true, render: (s) => s.cvedb_version || <span className="muted">none</span> },
  { key: 'joined_timestamp', title: 'Joined', sortable: true, render: (s) => <Time value={s.joined_timestamp} /> },
  { key: 'scanned_images', title: 'Scanned', sortable: true, className: 'num' },
];

/** Assets → Enforcers, controllers, scanners: their state, version, connection and figures; ?tab= and ?id= select. */
export default function SystemComponents({ location }: PageProps) {
  const api = useApi();
  const tab = (tabs.find((t) => t.key === location.params.get('tab'))?.key ?? 'enforcers') as Tab;
  const id = location.params.get('id') ?? '';
  const open = (next: Tab, id?: string) => navigate('/assets/system', id ? { tab: next, id } : { tab: next });
  const enforcers = useCallback((page: PageRequest) => fetchPage<Enforcer>(api, '/v1/enforcer', 'enforcers', page), [api]);
  const controllers = useCallback((page: PageRequest) => fetchPage<Controller>(api, '/v1/controller', 'controllers', page), [api]);
  const scanners = useCallback((page: PageRequest) => fetchPage<Scanner>(api, '/v1/scan/scanner', 'scanners', page), [api]);
  return (
    <>
      <Tabs label="System components" tabs={tabs} active={tab} onChange={(t) => open(t)} />
      {tab === 'enforcers' && (
        <>
          <DataTable label="Enforcers" columns={enforcerColumns} fetchPage={enforcers} rowKey={(e) => e.id} activeKey={id} onRowActivate={(e) => open('enforcers', e.id)} empty="No enforcer has joined." />
          {id && <StatsPanel key={id} path={`/v1/enforcer/${encodeURIComponent(id)}/stats`} what={`Enforcer ${id}`} />}
        </>
      )}
      {tab === 'controllers' && (
        <>
          <DataTable label="Controllers" columns={controllerColumns} fetchPage={controllers} rowKey={(c) => c.id} activeKey={id} onRowActivate={(c) => open('controllers', c.id)} />
          {id && <StatsPanel key={id} path={`/v1/controller/${encodeURIComponent(id)}/stats`} what={`Controller ${id}`} />}
        </>
      )}
      {tab === 'scanners' && (
        <>
          <ScannersTab fetchRows={scanners} activeKey={id} onOpen={(s) => open('scanners', s.id)} />
          {id && <CachePanel key={id} id={id} />}
        </>
      )}
    </>
  );
}

function ScannersTab({ fetchRows, activeKey, onOpen }: { fetchRows: (page: PageRequest) => Promise<{ rows: Scanner[]; more: boolean }>; activeKey: string; onOpen: (s: Scanner) => void }) {
  const api = useApi();
  const status = useAsync(() => api.get<{ status: { scanned: number; scheduled: number; scanning: number; failed: number; cvedb_version: string } }>('/v1/scan/status').then((r) => r.status), [api]);
  return (
    <>
      <AsyncView value={status}>
        {(s) => (
          <div className="totals" aria-label="Scan queue">
            {(
              [
                ['Scanned', s.scanned],
                ['Scheduled', s.scheduled],
                ['Scanning', s.scanning],
                ['Failed', s.failed],
              ] as const
            ).map(([title, n]) => (
              <div className="total" key={title}>
                <strong>{n}</strong>
                {title}
              </div>
            ))}
            <div className="total">
              <strong>{s.cvedb_version || '–'}</strong>
              Database
            </div>
          </div>
        )}
      </AsyncView>
      <DataTable label="Scanners" columns={scannerColumns} fetchPage={fetchRows} rowKey={(s) => s.id} activeKey={activeKey} onRowActivate={onOpen} empty="No scanner is connected: nothing is scanned until one joins." />
    </>
  );
}

/** A scanner's layer cache, which the controller asks the scanner for (RESTScanCacheStat). */
function CachePanel({ id }: { id: string }) {
  const api = useApi();
  const cache = useAsync(() => api.get<{ record_count: number; record_total_size: number; cache_hits: number; cache_misses: number }>(`/v1/scan/cache_stat/${encodeURIComponent(id)}`), [api, id]);
  return (
    <section className="panel" aria-label={`Scanner ${id} cache`}>
      <h2>Scanner {id}: layer cache</h2>
      <AsyncView value={cache}>
        {(c) => (
          <dl className="kv">
            <dt>Layers kept</dt>
            <dd>{c.record_count}</dd>
            <dt>Size</dt>
            <dd>{(c.record_total_size / 1024 ** 2).toFixed(1)} MiB</dd>
            <dt>Hits and misses</dt>
            <dd>
              {c.cache_hits} hits, {c.cache_misses} misses
            </dd>
          </dl>
        )}
      </AsyncView>
    </section>
  );
}

function StatsPanel({ path, what }: { path: string; what: string }) {
  const api = useApi();
  const stats = useAsync(() => api.get<Stats>(path), [api, path]);
  return (
    <section className="panel" aria-label={`${what} statistics`}>
      <h2>{what}: statistics</h2>
      <AsyncView value={stats}>
        {(s) => {
          const spans = [
            ['Last sample', s.stats.span_1],
            ['Last minute', s.stats.span_12],
            ['Last 5 minutes', s.stats.span_60],
          ] as const;
          const measured = spans.some(([, m]) => m.cpu || m.memory || m.byte_in || m.byte_out);
          return (
            <>
              {!measured && <p className="notice spaced">Not measured: the controller reports these figures as zero until enforcers sample them.</p>}
              <table className="data" aria-label={`${what} figures`}>
                <thead>
                  <tr>
                    <th>Span</th>
                    <th className="num">CPU</th>
                    <th className="num">Memory</th>
                    <th className="num">Sessions in/out</th>
                    <th className="num">Bytes in/out</th>
                  </tr>
                </thead>
                <tbody>
                  {spans.map(([title, m]) => (
                    <tr key={title}>
                      <td>{title}</td>
                      <td className="num">{(m.cpu * 100).toFixed(1)} %</td>
                      <td className="num">{(m.memory / 1024 ** 2).toFixed(1)} MiB</td>
                      <td className="num">
                        {m.session_in}/{m.session_out}
                      </td>
                      <td className="num">
                        {m.byte_in}/{m.byte_out}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">
                Read at <Time value={s.read_at} />
              </p>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
