import { useCallback, useState } from 'react';
import { fetchPage, type PageRequest } from '../../api/listQuery';
import { ModeBadge } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { AsyncView } from '../../components/States';
import { Tabs } from '../../components/Tabs';
import { useAsync } from '../../components/useAsync';
import { Link, navigate } from '../../router';
import { useApi } from '../../session';
import { SeverityCounts } from '../risks/ReportParts';
import type { ScanBrief } from '../risks/scanReport';
import '../risks/risks.css';
import type { PageProps } from '../routes';
import { containerColumns } from './Containers';
import { ScanPanel } from './ScanPanel';
import type { Workload } from './workload';
import { DetailPanel } from '../../components/DetailPanel';

/** RESTHost. */
interface Host {
  id: string;
  name: string;
  os: string;
  kernel: string;
  platform: string;
  runtime: string;
  runtime_version: string;
  cpus: number;
  memory: number;
  cgroup_version: number;
  containers: number;
  pods: number;
  state: string;
  policy_mode: string;
  profile_mode: string;
  scan_summary?: ScanBrief;
  interfaces?: Record<string, { ip: string; ip_prefix: number }[]>;
  labels?: Record<string, string>;
}

const GIB = 1024 ** 3;

const columns: Column<Host>[] = [
  { key: 'name', title: 'Name', sortable: true, filter: {} },
  { key: 'os', title: 'OS', sortable: true, filter: {} },
  { key: 'kernel', title: 'Kernel', sortable: true, filter: {} },
  { key: 'runtime', title: 'Runtime', sortable: true, render: (h) => `${h.runtime} ${h.runtime_version}` },
  { key: 'cpus', title: 'CPUs', sortable: true, className: 'num' },
  { key: 'memory', title: 'Memory', sortable: true, className: 'num nowrap', render: (h) => `${(h.memory / GIB).toFixed(1)} GiB` },
  { key: 'containers', title: 'Containers', sortable: true, className: 'num' },
  { key: 'state', title: 'State', sortable: true, filter: {} },
  { key: 'policy_mode', title: 'Policy mode', render: (h) => <ModeBadge mode={h.policy_mode} /> },
  { key: 'cves', title: 'Critical/high/medium', render: (h) => (h.scan_summary?.status === 'finished' ? <SeverityCounts {...h.scan_summary} /> : <span className="muted">{h.scan_summary?.status || 'not scanned'}</span>) },
];

/** Assets → Nodes: the nodes of the enforcers; ?id= opens one with its containers and its scan. */
export default function Nodes({ location }: PageProps) {
  const api = useApi();
  const id = location.params.get('id') ?? '';
  const fetchRows = useCallback(
    (page: PageRequest) => fetchPage<Host>(api, '/v1/host', 'hosts', page),
    [api],
  );
  return (
    <>
      {id && <NodeDetail key={id} id={id} />}
      <DataTable
        label="Nodes"
        columns={columns}
        fetchPage={fetchRows}
        rowKey={(h) => h.id}
        activeKey={id}
        initialSort={{ field: 'name', dir: 'asc' }}
        onRowActivate={(h) => navigate('/assets/nodes', { id: h.id })}
        empty="No node yet: nodes appear when their enforcer joins."
      />
    </>
  );
}

type Tab = 'details' | 'containers' | 'vulnerabilities';
const tabs: { key: Tab; title: string }[] = [
  { key: 'details', title: 'Details' },
  { key: 'containers', title: 'Containers' },
  { key: 'vulnerabilities', title: 'Vulnerabilities' },
];

function NodeDetail({ id }: { id: string }) {
  const api = useApi();
  const [tab, setTab] = useState<Tab>('details');
  const host = useAsync(() => api.get<{ host: Host }>(`/v1/host/${encodeURIComponent(id)}`).then((r) => r.host), [api, id]);
  const containers = useCallback(
    (page: PageRequest) =>
      fetchPage<Workload>(api, '/v1/workload', 'workloads', { ...page, filters: [...page.filters, { field: 'host_id', op: 'eq', value: id }] }),
    [api, id],
  );
  return (
    <DetailPanel label="Node details" focusKey={id}>
      <AsyncView value={host}>
        {(h) => (
          <>
            <div className="actions">
              <h2 className="grow">Node {h.name}</h2>
              <Link to="/assets/nodes">Close</Link>
            </div>
            <Tabs label="Node views" tabs={tabs} active={tab} onChange={setTab} />
            {tab === 'details' && (
              <dl className="kv">
                <dt>Id</dt>
                <dd className="mono">{h.id}</dd>
                <dt>State</dt>
                <dd>{h.state}</dd>
                <dt>Platform</dt>
                <dd>{h.platform || '–'}</dd>
                <dt>OS and kernel</dt>
                <dd>
                  {h.os} · {h.kernel}
                </dd>
                <dt>Runtime</dt>
                <dd>
                  {h.runtime} {h.runtime_version} · cgroup v{h.cgroup_version}
                </dd>
                <dt>CPUs and memory</dt>
                <dd>
                  {h.cpus} CPUs · {(h.memory / GIB).toFixed(1)} GiB
                </dd>
                <dt>Containers and pods</dt>
                <dd>
                  {h.containers} containers in {h.pods} pods
                </dd>
                <dt>Nodes group</dt>
                <dd>
                  policy <ModeBadge mode={h.policy_mode} /> process profile <ModeBadge mode={h.profile_mode} />
                </dd>
                <dt>Addresses</dt>
                <dd>
                  {Object.entries(h.interfaces ?? {})
                    .flatMap(([n, ips]) => ips.map((ip) => `${n} ${ip.ip}/${ip.ip_prefix}`))
                    .join(', ') || '–'}
                </dd>
                <dt>Labels</dt>
                <dd>
                  {Object.entries(h.labels ?? {})
                    .map(([k, v]) => `${k}=${v}`)
                    .join(', ') || '–'}
                </dd>
              </dl>
            )}
            {tab === 'containers' && (
              <DataTable
                label={`Containers on ${h.name}`}
                columns={containerColumns}
                fetchPage={containers}
                rowKey={(w) => w.id}
                onRowActivate={(w) => navigate('/assets/containers', { id: w.id })}
                empty="No container on this node."
              />
            )}
            {tab === 'vulnerabilities' && <ScanPanel path={`/v1/scan/host/${encodeURIComponent(h.id)}`} brief={h.scan_summary} what="node" />}
          </>
        )}
      </AsyncView>
    </DetailPanel>
  );
}
