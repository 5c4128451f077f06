import { useCallback, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import type { PageRequest } from '../../api/listQuery';
import { SeverityBadge, Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { Link } from '../../router';
import { useApi, useSession } from '../../session';
import type { PageProps } from '../routes';
import { AcceptanceProfile, AcceptForm } from './AcceptanceProfile';
import { LinkRow, SeverityCounts } from './ReportParts';
import { hasFix, NO_FILTERS, pageParams, queryBody, type AssetVulnerability, type CveCount, type VulFilters, type VulStats } from './vulQuery';
import { DetailPanel } from '../../components/DetailPanel';
import './risks.css';

/** NeuVector's error code for a query id unknown or expired. */
const QUERY_ENDED = 53;

const columns: Column<AssetVulnerability>[] = [
  { key: 'name', title: 'Vulnerability', sortable: true, filter: {} },
  { key: 'severity', title: 'Severity', render: (v) => <SeverityBadge severity={v.severity} /> },
  { key: 'score_v3', title: 'Score v3', sortable: true, className: 'num', render: (v) => v.score_v3.toFixed(1) },
  { key: 'score', title: 'Score v2', sortable: true, className: 'num', render: (v) => v.score.toFixed(1) },
  { key: 'packages', title: 'Packages', render: (v) => Object.keys(v.packages ?? {}).join(', ') },
  { key: 'fix', title: 'Fix', render: (v) => (hasFix(v) ? 'available' : <span className="muted">none</span>) },
  { key: 'assets', title: 'Containers/nodes/images', className: 'num', render: (v) => `${v.workloads.length}/${v.nodes.length}/${v.images.length}` },
  { key: 'published_timestamp', title: 'Published', sortable: true, render: (v) => <Time value={v.published_timestamp} /> },
];

/**
 * Security risks → Vulnerabilities: every vulnerability found in containers, nodes and registry images, selected by
 * the controller (POST /v1/vulasset opens a query with the filters) and paged, sorted and quick-filtered by it (GET
 * with the query's token); a vulnerability opens its description, packages and assets. Below, the acceptance profile.
 */
export default function Vulnerabilities(_: PageProps) {
  const api = useApi();
  const { canWrite } = useSession();
  const [filters, setFilters] = useState<VulFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<VulFilters>(NO_FILTERS);
  const [generation, setGeneration] = useState(0);
  const [open, setOpen] = useState<AssetVulnerability>();
  const [accepting, setAccepting] = useState<{ name: string }>();
  const query = useAsync(() => api.post<VulStats>('/v1/vulasset', queryBody(applied)), [api, applied, generation]);
  const token = query.data?.query_id;
  const served = useRef<string>(undefined);
  const reopen = query.reload;
  const fetchPage = useCallback(
    async (page: PageRequest) => {
      try {
        const r = await api.get<{ vulnerabilities: AssetVulnerability[] }>('/v1/vulasset', pageParams(token ?? '', page));
        served.current = token;
        const rows = r.vulnerabilities ?? [];
        return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
      } catch (e) {
        // a query session ends after idle minutes: one that served pages is opened again (its token reloads the
        // table); one that fails at once is not, so that a failing controller is not asked again and again
        if (e instanceof ApiError && e.code === QUERY_ENDED && token && served.current === token) {
          served.current = undefined;
          reopen();
        }
        throw e;
      }
    },
    [api, token, reopen],
  );
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setOpen(undefined);
    setApplied({ ...filters });
  };
  const changed = () => setGeneration((g) => g + 1);
  const text = (key: keyof VulFilters, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.target.value })} {...props} />
    </label>
  );
  const choice = (key: keyof VulFilters, label: string, options: [string, string][]) => (
    <label>
      {label}
      <select value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.target.value })}>
        {options.map(([value, title]) => (
          <option key={value} value={value}>
            {title}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <form className="panel filters-form" onSubmit={apply} aria-label="Vulnerability filters">
        {choice('severity', 'Severity', [
          ['all', 'All'],
          ['critical', 'Critical'],
          ['high', 'High'],
          ['medium', 'Medium'],
          ['low', 'Low'],
        ])}
        {text('scoreMin', 'Score v3 from', { type: 'number', min: 0, max: 10, step: 1 })}
        {text('scoreMax', 'Score v3 to', { type: 'number', min: 0, max: 10, step: 1 })}
        {choice('fix', 'Fix', [
          ['all', 'With or without a fix'],
          ['withFix', 'With a fix'],
          ['withoutFix', 'Without a fix'],
        ])}
        {choice('view', 'Found in', [
          ['all', 'Any asset'],
          ['containers', 'Containers'],
          ['infrastructure', 'Nodes'],
          ['registry', 'Registry images'],
        ])}
        {text('namespace', 'Namespaces (comma separated)')}
        {text('service', 'Service')}
        {text('container', 'Container')}
        {text('node', 'Node')}
        {text('image', 'Image')}
        <div className="actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
          <button type="button" onClick={() => (setFilters(NO_FILTERS), setApplied(NO_FILTERS))}>
            Clear
          </button>
        </div>
      </form>
      <AsyncView value={query}>
        {(stats) => (
          <div className="totals" aria-label="Matched vulnerabilities">
            <div className="total">
              <strong>
                {stats.total_matched_records} / {stats.total_records}
              </strong>
              matched
            </div>
            {['critical', 'high', 'medium', 'low'].map((s) => (
              <div className="total" key={s}>
                <strong className={`sev-${s}`}>{stats.summary.count_distribution[s] ?? 0}</strong>
                {s}
              </div>
            ))}
            {(
              [
                ['container', 'in containers'],
                ['node', 'in nodes'],
                ['image', 'in images'],
              ] as const
            ).map(([k, title]) => (
              <div className="total" key={k}>
                <strong>{stats.summary.count_distribution[k] ?? 0}</strong>
                {title}
              </div>
            ))}
            <TopAssets title="Most affected images" assets={stats.summary.top_images ?? []} />
            <TopAssets title="Most affected nodes" assets={stats.summary.top_nodes ?? []} />
          </div>
        )}
      </AsyncView>
      <p className="muted">
        The name filter also matches scores and feed ratings. Accepted vulnerabilities are left out: they are listed under
        Accepted vulnerabilities below.
      </p>
      {token && (
      <DataTable
        label="Vulnerabilities"
        columns={columns}
        fetchPage={fetchPage}
        rowKey={(v) => v.name}
        activeKey={open?.name}
        onRowActivate={setOpen}
        initialSort={{ field: 'score_v3', dir: 'desc' }}
        empty="No vulnerability matches: nothing scanned yet, or the filters take none."
      />
      )}
      {open && (
        <VulnerabilityDetail
          v={open}
          onClose={() => setOpen(undefined)}
          onAccept={canWrite('vulnerability') ? () => setAccepting({ name: open.name }) : undefined}
        />
      )}
      <AcceptanceProfile reloadKey={generation} onChanged={changed} onAccept={() => setAccepting({ name: '' })} />
      {accepting && (
        <AcceptForm
          name={accepting.name}
          onClose={() => setAccepting(undefined)}
          onSaved={() => {
            setAccepting(undefined);
            setOpen(undefined);
            changed();
          }}
        />
      )}
    </>
  );
}

/** The assets with the most matched vulnerabilities, as the query's summary names them. */
function TopAssets({ title, assets }: { title: string; assets: CveCount[] }) {
  if (assets.length === 0) return null;
  return (
    <div className="total" aria-label={title}>
      {title}
      <ol className="top">
        {assets.slice(0, 5).map((a) => (
          <li key={a.id}>
            {a.display_name} <SeverityCounts critical={a.critical} high={a.high} medium={a.medium} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function VulnerabilityDetail({ v, onClose, onAccept }: { v: AssetVulnerability; onClose: () => void; onAccept?: () => void }) {
  return (
    <DetailPanel label={`Vulnerability ${v.name}`} focusKey={v.name}>
      <div className="actions">
        <h2 className="grow">
          {v.name} <SeverityBadge severity={v.severity} />
        </h2>
        {onAccept && (
          <button type="button" onClick={onAccept}>
            Accept…
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p>{v.description || <span className="muted">No description.</span>}</p>
      <dl className="kv">
        <dt>Scores</dt>
        <dd>
          v3 {v.score_v3.toFixed(1)} {v.vectors_v3 && <code>{v.vectors_v3}</code>} · v2 {v.score.toFixed(1)}
        </dd>
        <dt>Published</dt>
        <dd>
          <Time value={v.published_timestamp} /> (modified <Time value={v.last_modified_timestamp} />)
        </dd>
        <LinkRow link={v.link} />
        <dt>Packages</dt>
        <dd>
          <ul>
            {Object.entries(v.packages ?? {}).map(([name, versions]) => (
              <li key={name}>
                {name}: {versions.map((p) => `${p.package_version} (${p.fixed_version ? `fixed in ${p.fixed_version}` : 'no fix'})`).join(', ')}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Containers</dt>
        <dd>
          {v.workloads.length === 0
            ? '–'
            : v.workloads.map((w, i) => (
                <span key={w.id}>
                  {i > 0 && ', '}
                  <Link to="/assets/containers" params={{ id: w.id }}>
                    {w.display_name}
                  </Link>
                  {w.domain && <span className="muted"> ({w.domain})</span>}
                </span>
              ))}
        </dd>
        <dt>Nodes</dt>
        <dd>
          {v.nodes.length === 0
            ? '–'
            : v.nodes.map((n, i) => (
                <span key={n.id}>
                  {i > 0 && ', '}
                  <Link to="/assets/nodes" params={{ id: n.id }}>
                    {n.display_name}
                  </Link>
                </span>
              ))}
        </dd>
        <dt>Images</dt>
        <dd>
          {v.images.length === 0
            ? '–'
            : v.images.map((image, i) => (
                <span key={image.id}>
                  {i > 0 && ', '}
                  <Link to="/risks/report" params={{ id: image.id }}>
                    {image.display_name}
                  </Link>
                </span>
              ))}
        </dd>
      </dl>
    </DetailPanel>
  );
}
