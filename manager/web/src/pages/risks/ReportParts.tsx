import { useCallback, useState } from 'react';
import type { PageRequest } from '../../api/listQuery';
import { SeverityBadge, Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { pageLocally } from '../../api/localPage';
import { isAccepted, SEVERITIES, type BenchItem, type Module, type Secret, type SetIdPerm, type Vulnerability } from './scanReport';
import { DetailPanel } from '../../components/DetailPanel';

/** A fetchPage over rows already here. */
export function useLocalRows<T>(rows: T[], field?: (row: T, key: string) => unknown) {
  return useCallback((page: PageRequest) => Promise.resolve(pageLocally(rows, page, field)), [rows, field]);
}

/** Critical, high and medium counts of a scan brief. */
export function SeverityCounts({ critical = 0, high = 0, medium = 0 }: { critical?: number; high?: number; medium?: number }) {
  return (
    <span className="sev-counts" aria-label={`${critical} critical, ${high} high, ${medium} medium`}>
      <span className="sev-critical">{critical}</span>/<span className="sev-high">{high}</span>/<span className="sev-medium">{medium}</span>
    </span>
  );
}

const vulnerabilityColumns: Column<Vulnerability>[] = [
  { key: 'name', title: 'Vulnerability', sortable: true, filter: {} },
  { key: 'severity', title: 'Severity', sortable: true, filter: { options: SEVERITIES }, render: (v) => <SeverityBadge severity={v.severity} /> },
  { key: 'score_v3', title: 'Score (v3)', sortable: true, className: 'num', render: (v) => (v.score_v3 || v.score || 0).toFixed(1) },
  { key: 'package_name', title: 'Package', sortable: true, filter: {} },
  { key: 'package_version', title: 'Version' },
  { key: 'fixed_version', title: 'Fixed in', render: (v) => v.fixed_version || <span className="muted">no fix</span> },
  { key: 'accepted', title: 'Accepted', render: (v) => (isAccepted(v) ? <span className="badge muted">accepted</span> : '') },
];

const vulnerabilityField = (v: Vulnerability, key: string): unknown => (key === 'score_v3' ? v.score_v3 || v.score : (v as unknown as Record<string, unknown>)[key]);

/** A report's vulnerabilities, filtered and sorted here; a row opens its description. */
export function VulnerabilityTable({ vulnerabilities, label }: { vulnerabilities: Vulnerability[]; label: string }) {
  const [open, setOpen] = useState<Vulnerability>();
  const fetchPage = useLocalRows(vulnerabilities, vulnerabilityField);
  const key = (v: Vulnerability) => `${v.name}|${v.package_name}|${v.package_version}`;
  return (
    <>
      <DataTable
        label={label}
        columns={vulnerabilityColumns}
        fetchPage={fetchPage}
        rowKey={key}
        initialSort={{ field: 'score_v3', dir: 'desc' }}
        activeKey={open && key(open)}
        onRowActivate={setOpen}
        empty="No vulnerabilities found."
      />
      {open && <VulnerabilityDetail vulnerability={open} onClose={() => setOpen(undefined)} />}
    </>
  );
}

function VulnerabilityDetail({ vulnerability: v, onClose }: { vulnerability: Vulnerability; onClose: () => void }) {
  return (
    <DetailPanel label={`Vulnerability ${v.name}`} focusKey={`${v.name}|${v.package_name}|${v.package_version}`}>
      <div className="actions">
        <h3 className="grow">{v.name}</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p>{v.description || <span className="muted">No description.</span>}</p>
      <dl className="kv">
        <dt>Severity</dt>
        <dd>
          <SeverityBadge severity={v.severity} />
        </dd>
        <dt>Scores</dt>
        <dd>
          v3 {v.score_v3?.toFixed(1)} {v.vectors_v3 && <code>{v.vectors_v3}</code>} · v2 {v.score?.toFixed(1)} {v.vectors && <code>{v.vectors}</code>}
        </dd>
        <dt>Package</dt>
        <dd>
          {v.package_name} {v.package_version} {v.file_name && <code>{v.file_name}</code>}
        </dd>
        <dt>Fixed in</dt>
        <dd>{v.fixed_version || 'no fix yet'}</dd>
        <dt>Published</dt>
        <dd>
          <Time value={v.published_timestamp} />
        </dd>
        <LinkRow link={v.link} />
      </dl>
    </DetailPanel>
  );
}

const moduleColumns: Column<Module>[] = [
  { key: 'name', title: 'Package', sortable: true, filter: {} },
  { key: 'version', title: 'Version' },
  { key: 'source', title: 'Type', sortable: true, filter: {} },
  { key: 'file', title: 'File', render: (m) => (m.file ? <code>{m.file}</code> : '') },
  { key: 'cves', title: 'Vulnerabilities', render: (m) => (m.cves ?? []).map((c) => `${c.name} (${c.status})`).join(', ') },
];

/** A vulnerability's advisory link as a row of its details, opening in a new tab; nothing without one. */
export function LinkRow({ link }: { link?: string }) {
  if (!link) return null;
  return (
    <>
      <dt>Link</dt>
      <dd>
        <a href={link} target="_blank" rel="noreferrer noopener">
          {link}
        </a>
      </dd>
    </>
  );
}

export function ModuleTable({ modules, label = 'Packages' }: { modules: Module[]; label?: string }) {
  const fetchPage = useLocalRows(modules);
  return <DataTable label={label} columns={moduleColumns} fetchPage={fetchPage} rowKey={(m) => `${m.source}|${m.name}|${m.version}|${m.file ?? ''}`} empty="No packages found." />;
}

export const CHECK_LEVELS = ['PASS', 'INFO', 'NOTE', 'WARN', 'HIGH', 'ERROR', 'MANUAL'];

const checkColumns: Column<BenchItem>[] = [
  { key: 'test_number', title: 'Check', sortable: true, filter: {} },
  { key: 'level', title: 'Level', sortable: true, filter: { op: 'eq', options: CHECK_LEVELS }, render: (c) => <SeverityBadge severity={c.level} /> },
  { key: 'catalog', title: 'Category', sortable: true, filter: {} },
  { key: 'description', title: 'Description', filter: {} },
  { key: 'message', title: 'Found', render: (c) => (c.message ?? []).join('; ') },
  { key: 'remediation', title: 'Remediation' },
];

export function ChecksTable({ checks, label = 'Compliance checks' }: { checks: BenchItem[]; label?: string }) {
  const fetchPage = useLocalRows(checks);
  return <DataTable label={label} columns={checkColumns} fetchPage={fetchPage} rowKey={(c) => `${c.catalog}|${c.test_number}`} empty="No compliance checks in this report." />;
}

const secretColumns: Column<Secret>[] = [
  { key: 'type', title: 'Type', sortable: true, filter: {} },
  { key: 'path', title: 'File', sortable: true, filter: {}, render: (s) => <code>{s.path}</code> },
  { key: 'evidence', title: 'Evidence (redacted)', render: (s) => <code>{s.evidence}</code> },
  { key: 'suggestion', title: 'Suggestion' },
];

export function SecretsTable({ secrets }: { secrets: Secret[] }) {
  const fetchPage = useLocalRows(secrets);
  return <DataTable label="Secrets" columns={secretColumns} fetchPage={fetchPage} rowKey={(s) => `${s.path}|${s.type}|${s.evidence}`} empty="No secrets found." />;
}

const setIdColumns: Column<SetIdPerm>[] = [
  { key: 'type', title: 'Type', sortable: true, filter: {} },
  { key: 'path', title: 'File', sortable: true, filter: {}, render: (s) => <code>{s.path}</code> },
  { key: 'evidence', title: 'Mode', render: (s) => <code>{s.evidence}</code> },
];

export function SetIdTable({ files }: { files: SetIdPerm[] }) {
  const fetchPage = useLocalRows(files);
  return <DataTable label="Setuid and setgid files" columns={setIdColumns} fetchPage={fetchPage} rowKey={(s) => `${s.path}|${s.type}`} empty="No setuid or setgid files found." />;
}
