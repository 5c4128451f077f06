import { useCallback, useState } from 'react';
import type { PageRequest } from '../../api/listQuery';
import { ModeBadge, Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { AsyncView } from '../../components/States';
import { Tabs } from '../../components/Tabs';
import { useAsync } from '../../components/useAsync';
import { Link } from '../../router';
import { useApi, useSession } from '../../session';
import { pageLocally } from '../../api/localPage';
import { ScanPanel } from './ScanPanel';
import type { ProcessInfo, Workload } from './workload';
import { DetailPanel } from '../../components/DetailPanel';
import { FormError } from '../../components/FormError';
import { useWrite } from '../../components/useWrite';

type Tab = 'details' | 'processes' | 'vulnerabilities' | 'compliance';

const tabs: { key: Tab; title: string }[] = [
  { key: 'details', title: 'Details' },
  { key: 'processes', title: 'Processes' },
  { key: 'vulnerabilities', title: 'Vulnerabilities' },
  { key: 'compliance', title: 'Compliance' },
];

/** One container (?id=): its fields, processes, scan and what is known of its compliance. */
export function ContainerDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const api = useApi();
  const [tab, setTab] = useState<Tab>('details');
  const workload = useAsync(() => api.get<{ workload: Workload }>(`/v1/workload/${encodeURIComponent(id)}`).then((r) => r.workload), [api, id]);
  return (
    <DetailPanel label="Container details" focusKey={id}>
      <AsyncView value={workload}>
        {(w) => (
          <>
            <div className="actions">
              <h2 className="grow">Container {w.display_name || w.name}</h2>
              <QuarantineButton workload={w} onDone={() => (workload.reload(), onChanged())} />
              <Link to="/assets/containers">Close</Link>
            </div>
            <Tabs label="Container views" tabs={tabs} active={tab} onChange={setTab} />
            {tab === 'details' && <Fields w={w} />}
            {tab === 'processes' && <Processes id={w.id} running={w.running !== false} />}
            {tab === 'vulnerabilities' && (
              <ScanPanel path={`/v1/scan/workload/${encodeURIComponent(w.id)}`} brief={w.scan_summary} what="container" reportLink={{ workload: w.id }} />
            )}
            {tab === 'compliance' && <Compliance w={w} />}
          </>
        )}
      </AsyncView>
    </DetailPanel>
  );
}

function QuarantineButton({ workload: w, onDone }: { workload: Workload; onDone: () => void }) {
  const api = useApi();
  const { canWrite } = useSession();
  const write = useWrite();
  if (!canWrite('rt_policy') || w.running === false) return null;
  const quarantined = w.state === 'quarantined';
  const change = () => write.run(() => api.patch(`/v1/workload/${encodeURIComponent(w.id)}`, { config: { quarantine: !quarantined } }), onDone);
  return (
    <>
      <FormError message={write.error} />
      <button type="button" className={quarantined ? undefined : 'danger'} disabled={write.busy} onClick={change}>
        {quarantined ? 'Release from quarantine' : 'Quarantine'}
      </button>
    </>
  );
}

function Fields({ w }: { w: Workload }) {
  const addresses = Object.entries(w.interfaces ?? {}).flatMap(([name, ips]) => ips.map((ip) => `${name} ${ip.ip}/${ip.ip_prefix}`));
  return (
    <dl className="kv">
      <dt>Name</dt>
      <dd>{w.name}</dd>
      <dt>Id</dt>
      <dd className="mono">{w.id}</dd>
      <dt>Namespace</dt>
      <dd>{w.domain || '–'}</dd>
      <dt>Pod</dt>
      <dd>{w.pod_name || '–'}</dd>
      <dt>Group</dt>
      <dd>
        {w.service_group ? (
          <Link to="/policy/groups" params={{ name: w.service_group }}>
            {w.service_group}
          </Link>
        ) : (
          '–'
        )}{' '}
        policy <ModeBadge mode={w.policy_mode} /> process profile <ModeBadge mode={w.profile_mode} />
      </dd>
      <dt>State</dt>
      <dd>
        {w.state}
        {w.quarantine_reason && ` (${w.quarantine_reason})`}
      </dd>
      <dt>Image</dt>
      <dd>
        {w.image} {w.image_id && <span className="muted mono">{w.image_id.slice(0, 19)}</span>}
      </dd>
      <dt>Node</dt>
      <dd>
        <Link to="/assets/nodes" params={{ id: w.host_id }}>
          {w.host_name}
        </Link>
        {w.enforcer_name && <span className="muted"> (enforcer {w.enforcer_name})</span>}
      </dd>
      <dt>Network mode</dt>
      <dd>{w.network_mode || '–'}</dd>
      <dt>Addresses</dt>
      <dd>{addresses.join(', ') || '–'}</dd>
      <dt>Applications</dt>
      <dd>{(w.applications ?? []).join(', ') || '–'}</dd>
      <dt>Created</dt>
      <dd>
        <Time value={w.created_at} />
      </dd>
      <dt>Started</dt>
      <dd>
        <Time value={w.started_at} />
      </dd>
      {w.running === false && (
        <>
          <dt>Exited</dt>
          <dd>
            <Time value={w.finished_at} /> with code {w.exit_code ?? 0}
          </dd>
        </>
      )}
      <dt>Labels</dt>
      <dd>
        {Object.entries(w.labels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || '–'}
      </dd>
    </dl>
  );
}

const processColumns: Column<ProcessInfo>[] = [
  { key: 'name', title: 'Process', sortable: true, filter: {} },
  { key: 'pid', title: 'PID', sortable: true, className: 'num' },
  { key: 'parent', title: 'Parent', sortable: true, className: 'num' },
  { key: 'user', title: 'User', sortable: true, filter: {} },
  { key: 'cmdline', title: 'Command line', filter: {}, render: (p) => <code>{p.cmdline}</code> },
  { key: 'status', title: 'Status', sortable: true },
  { key: 'action', title: 'Action', sortable: true },
  { key: 'start_timestamp', title: 'Started', sortable: true, render: (p) => <Time value={p.start_timestamp} /> },
];

/** The running processes, or all that ran (process_history); the API answers them whole, so they are paged here. */
function Processes({ id, running }: { id: string; running: boolean }) {
  const api = useApi();
  const [history, setHistory] = useState(!running);
  const fetchPage = useCallback(
    async (page: PageRequest) => {
      const kind = history ? 'process_history' : 'process';
      const r = await api.get<{ processes: ProcessInfo[] }>(`/v1/workload/${encodeURIComponent(id)}/${kind}`);
      return pageLocally(r.processes ?? [], page);
    },
    [api, id, history],
  );
  return (
    <DataTable
      label={history ? 'Process history' : 'Processes'}
      columns={processColumns}
      fetchPage={fetchPage}
      rowKey={(p) => `${p.pid}|${p.start_timestamp}|${p.name}`}
      initialSort={{ field: 'pid', dir: 'asc' }}
      toolbar={
        <label className="inline">
          <input type="checkbox" checked={history} onChange={(e) => setHistory(e.target.checked)} />
          Include processes that exited (history)
        </label>
      }
      empty={history ? 'No process has run yet.' : 'No process running.'}
    />
  );
}

function Compliance({ w }: { w: Workload }) {
  return (
    <>
      <dl className="kv">
        <dt>Runs privileged</dt>
        <dd>{w.privileged ? <span className="badge sev-high">yes</span> : 'no'}</dd>
        <dt>Runs as root</dt>
        <dd>{w.run_as_root ? <span className="badge sev-medium">yes</span> : 'no'}</dd>
      </dl>
      <p className="notice spaced">
        Runtime scans of containers report vulnerabilities and packages only: the CIS benchmark checks of containers are
        not collected. An image scanned in a registry shows its image compliance checks, secrets and setuid files in its
        report (Assets → Registries, or Security risks → Compliance).
      </p>
    </>
  );
}
