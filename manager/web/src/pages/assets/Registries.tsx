import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api/client';
import { fetchPage, type PageRequest } from '../../api/listQuery';
import { Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { Modal } from '../../components/Modal';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { Link, navigate } from '../../router';
import { useApi, useSession } from '../../session';
import { SeverityCounts } from '../risks/ReportParts';
import '../risks/risks.css';
import type { PageProps } from '../routes';
import type { Registry, RegistryImage } from './registry';
import { RegistryForm } from './RegistryForm';
import { RepositoryScan } from './RepositoryScan';
import { DetailPanel } from '../../components/DetailPanel';

/** While a registry scans, its summary is read again this often. */
const SCANNING_REFRESH_MS = 5_000;

const columns: Column<Registry>[] = [
  { key: 'name', title: 'Name', sortable: true, filter: {} },
  { key: 'registry_type', title: 'Type', sortable: true, filter: {} },
  { key: 'registry', title: 'URL', sortable: true, filter: {} },
  { key: 'status', title: 'Scan', sortable: true, filter: { options: ['idle', 'scanning'] }, render: (r) => (r.error_message ? <span className="badge sev-high" title={r.error_detail}>{r.status}: {r.error_message}</span> : r.status) },
  { key: 'scanned', title: 'Scanned', sortable: true, className: 'num' },
  { key: 'failed', title: 'Failed', sortable: true, className: 'num' },
  { key: 'schedule', title: 'Schedule', render: (r) => (r.schedule.schedule === 'periodical' ? `every ${Math.round(r.schedule.interval / 360) / 10} h` : r.schedule.schedule) },
  { key: 'started_at', title: 'Last started', render: (r) => <Time value={r.started_at} /> },
];

/** Assets → Registries: the registries to scan, their scans and images; ?name= opens one. */
export default function Registries({ location }: PageProps) {
  const api = useApi();
  const { canWrite } = useSession();
  const name = location.params.get('name') ?? '';
  const [reload, setReload] = useState(0);
  const [adding, setAdding] = useState(false);
  const [repoScan, setRepoScan] = useState(false);
  const fetchRows = useCallback((page: PageRequest) => fetchPage<Registry>(api, '/v1/scan/registry', 'summarys', page), [api]);
  const changed = () => setReload((n) => n + 1);
  return (
    <>
      {name && <RegistryDetail key={name} name={name} onChanged={changed} reloadKey={reload} />}
      <DataTable
        label="Registries"
        columns={columns}
        fetchPage={fetchRows}
        rowKey={(r) => r.name}
        activeKey={name}
        reloadKey={reload}
        initialSort={{ field: 'name', dir: 'asc' }}
        onRowActivate={(r) => navigate('/assets/registries', { name: r.name })}
        empty="No registry yet."
        toolbar={
          <>
            {canWrite('reg_scan') && (
              <button type="button" className="primary" onClick={() => setAdding(true)}>
                Add a registry
              </button>
            )}
            {canWrite('ci_scan') && (
              <button type="button" onClick={() => setRepoScan(true)}>
                Scan an image
              </button>
            )}
          </>
        }
      />
      {adding && (
        <RegistryForm
          onClose={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            changed();
            navigate('/assets/registries', { name: saved });
          }}
        />
      )}
      {repoScan && <RepositoryScan onClose={() => setRepoScan(false)} />}
    </>
  );
}

const imageColumns = (registry: string): Column<RegistryImage>[] => [
  {
    key: 'repository',
    title: 'Repository',
    sortable: true,
    filter: {},
    render: (i) => (
      <Link to="/risks/report" params={{ registry, id: i.image_id }}>
        {i.repository}
      </Link>
    ),
  },
  { key: 'tag', title: 'Tag', sortable: true, filter: {}, render: (i) => (i.gone ? <>{i.tag} <span className="badge muted">gone</span></> : i.tag) },
  { key: 'domain', title: 'Namespace', sortable: true, filter: {} },
  { key: 'status', title: 'Status', sortable: true, filter: { options: ['finished', 'failed'] }, render: (i) => (i.status === 'failed' ? <span className="form-error" title={i.result}>failed: {i.result}</span> : i.status) },
  { key: 'critical', title: 'Critical/high/medium', sortable: true, render: (i) => <SeverityCounts {...i} /> },
  { key: 'base_os', title: 'Base OS', sortable: true, filter: {} },
  { key: 'image_id', title: 'Image id', render: (i) => <span className="mono">{i.image_id.slice(0, 12)}</span> },
  { key: 'scanned_at', title: 'Scanned', sortable: true, render: (i) => <Time value={i.scanned_at} /> },
];

function RegistryDetail({ name, onChanged, reloadKey }: { name: string; onChanged: () => void; reloadKey: number }) {
  const api = useApi();
  const { canWrite } = useSession();
  const path = `/v1/scan/registry/${encodeURIComponent(name)}`;
  const summary = useAsync(() => api.get<{ summary: Registry }>(path).then((r) => r.summary), [api, path, reloadKey]);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string>();
  const scanning = summary.data?.status === 'scanning';
  const { reload } = summary;
  useEffect(() => {
    if (!scanning) return;
    const timer = window.setInterval(reload, SCANNING_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [scanning, reload]);
  const [history, setHistory] = useState(false);
  const images = useCallback(
    (page: PageRequest) => fetchPage<RegistryImage>(api, `${path}/images`, 'images', page, history ? { history: 'true' } : {}),
    [api, path, history],
  );
  const act = (call: Promise<unknown>) =>
    call.then(
      () => (setError(undefined), reload(), onChanged()),
      (e: ApiError) => setError(e.message),
    );
  const write = canWrite('reg_scan');
  return (
    <DetailPanel label="Registry details" focusKey={name}>
      <AsyncView value={summary}>
        {(r) => (
          <>
            <div className="actions">
              <h2 className="grow">Registry {r.name}</h2>
              {write &&
                (scanning ? (
                  <button type="button" onClick={() => act(api.delete(`${path}/scan`))}>
                    Stop scan
                  </button>
                ) : (
                  <button type="button" className="primary" onClick={() => act(api.post(`${path}/scan`))}>
                    Start scan
                  </button>
                ))}
              {write && (
                <button type="button" onClick={() => setEditing(true)}>
                  Edit
                </button>
              )}
              {write && (
                <button type="button" className="danger" onClick={() => setDeleting(true)}>
                  Delete
                </button>
              )}
              <Link to="/assets/registries">Close</Link>
            </div>
            {error && (
              <p className="form-error spaced" role="alert">
                {error}
              </p>
            )}
            <dl className="kv">
              <dt>Type</dt>
              <dd>{r.registry_type}</dd>
              <dt>URL</dt>
              <dd>{r.registry || '–'}</dd>
              <dt>Authentication</dt>
              <dd>{r.username ? `user ${r.username}` : r.aws_key ? `AWS account ${r.aws_key.id} in ${r.aws_key.region}` : 'anonymous'}</dd>
              <dt>Filters</dt>
              <dd>{r.filters.join(', ') || 'every repository'}</dd>
              <dt>Namespaces</dt>
              <dd>{r.domains.join(', ') || 'all'}</dd>
              <dt>Scan</dt>
              <dd>
                {r.status}
                {scanning && ` (${r.scanning} scanning, ${r.scheduled} waiting)`} · {r.scanned} scanned, {r.failed} failed
                {r.error_message && <span className="form-error"> · {r.error_message}</span>}
              </dd>
              <dt>Options</dt>
              <dd>
                {r.scan_layers ? 'layers scanned' : 'layers not scanned'}
                {r.rescan_after_db_update && ' · scanned again after a database update'}
                {r.repo_limit > 0 && ` · at most ${r.repo_limit} repositories`}
                {r.tag_limit > 0 && ` · at most ${r.tag_limit} tags each`}
              </dd>
            </dl>
            <h3>Images</h3>
            <DataTable
              label={`Images of ${r.name}`}
              columns={imageColumns(r.name)}
              fetchPage={images}
              rowKey={(i) => `${i.repository}:${i.tag}`}
              reloadKey={`${reloadKey}|${r.scanned}|${r.failed}`}
              initialSort={{ field: 'repository', dir: 'asc' }}
              onRowActivate={(i) => navigate('/risks/report', { registry: r.name, id: i.image_id })}
              empty="No image scanned yet: start a scan."
              toolbar={
                <label className="inline">
                  <input type="checkbox" checked={history} onChange={(e) => setHistory(e.target.checked)} />
                  Include images whose tags left the registry
                </label>
              }
            />
            {editing && (
              <RegistryForm
                registry={r}
                onClose={() => setEditing(false)}
                onSaved={() => {
                  setEditing(false);
                  reload();
                  onChanged();
                }}
              />
            )}
            {deleting && (
              <Modal
                title={`Delete registry ${r.name}?`}
                onClose={() => setDeleting(false)}
                footer={
                  <>
                    <button type="button" onClick={() => setDeleting(false)}>
                      Cancel
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        api.delete(path).then(
                          () => (setDeleting(false), onChanged(), navigate('/assets/registries')),
                          (e: ApiError) => (setDeleting(false), setError(e.message)),
                        )
                      }
                    >
                      Delete
                    </button>
                  </>
                }
              >
                <p>Its settings and the reports of its images are deleted.</p>
              </Modal>
            )}
          </>
        )}
      </AsyncView>
    </DetailPanel>
  );
}
