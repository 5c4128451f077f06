import { useState } from 'react';
import { SeverityBadge } from '../../components/Badges';
import { Tabs } from '../../components/Tabs';
import { ChecksTable, ModuleTable, SecretsTable, SetIdTable, VulnerabilityTable } from './ReportParts';
import { countBySeverity, SEVERITIES, type Layer, type ScanReport } from './scanReport';
import './risks.css';

type Part = 'layers' | 'vulnerabilities' | 'packages' | 'compliance' | 'secrets' | 'setid';

/** Totals, then the report's parts as tabs: by layer (when scanned by layer), vulnerabilities, packages, compliance, secrets, setuid files. */
export function ReportBody({ report, layers }: { report: ScanReport; layers?: Layer[] }) {
  const parts: { key: Part; title: string }[] = [
    ...(layers && layers.length ? [{ key: 'layers' as Part, title: `By layer (${layers.length})` }] : []),
    { key: 'vulnerabilities', title: `Vulnerabilities (${report.vulnerabilities.length})` },
    { key: 'packages', title: `Packages (${report.modules?.length ?? 0})` },
    { key: 'compliance', title: `Compliance (${report.checks?.length ?? 0})` },
    { key: 'secrets', title: `Secrets (${report.secrets?.length ?? 0})` },
    { key: 'setid', title: `Setuid files (${report.setid_perms?.length ?? 0})` },
  ];
  const [part, setPart] = useState<Part>(parts[0].key);
  const counts = countBySeverity(report.vulnerabilities);
  return (
    <>
      <div className="totals" aria-label="Totals">
        {[...SEVERITIES, 'Accepted'].map((s) => (
          <div className="total" key={s}>
            <strong className={`sev-${s.toLowerCase()}`}>{counts[s] ?? 0}</strong>
            {s}
          </div>
        ))}
        <div className="total">
          <strong>{(report.checks ?? []).filter((c) => !['PASS', 'INFO', 'NOTE'].includes(c.level)).length}</strong>
          Compliance warnings
        </div>
        <div className="total">
          <strong>{report.secrets?.length ?? 0}</strong>
          Secrets
        </div>
      </div>
      <Tabs label="Report parts" tabs={parts} active={part} onChange={setPart} />
      {part === 'layers' && layers && <Layers layers={layers} />}
      {part === 'vulnerabilities' && <VulnerabilityTable vulnerabilities={report.vulnerabilities} label="Vulnerabilities" />}
      {part === 'packages' && <ModuleTable modules={report.modules ?? []} />}
      {part === 'compliance' && <ChecksTable checks={report.checks ?? []} />}
      {part === 'secrets' && <SecretsTable secrets={report.secrets ?? []} />}
      {part === 'setid' && <SetIdTable files={report.setid_perms ?? []} />}
    </>
  );
}

function size(bytes: number): string {
  if (!bytes) return 'size unknown';
  const mib = bytes / 1024 ** 2;
  return mib >= 1 ? `${mib.toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Each layer, bottom first, with the command that made it and the vulnerabilities of the packages it brought. */
function Layers({ layers }: { layers: Layer[] }) {
  const [open, setOpen] = useState<string>();
  return (
    <ol className="panel layers" aria-label="Layers">
      {layers.map((l, i) => {
        const counts = countBySeverity(l.vulnerabilities);
        const key = `${i}|${l.digest}`;
        return (
          <li key={key} className="layer">
            <div className="actions">
              <span className="grow">
                <span className="mono">{l.digest.slice(0, 19) || 'no digest'}</span> · {size(l.size)} ·{' '}
                {[...SEVERITIES, 'Accepted'].filter((s) => counts[s]).map((s) => (
                  <span key={s}>
                    <SeverityBadge severity={s} /> {counts[s]}{' '}
                  </span>
                ))}
                {l.vulnerabilities.length === 0 && <span className="muted">no vulnerabilities</span>}
              </span>
              {l.vulnerabilities.length > 0 && (
                <button type="button" aria-expanded={open === key} onClick={() => setOpen(open === key ? undefined : key)}>
                  {open === key ? 'Hide' : 'Show'} vulnerabilities of layer {i + 1}
                </button>
              )}
            </div>
            <code className="layer-cmd">{l.cmds || '(no command recorded)'}</code>
            {open === key && <VulnerabilityTable vulnerabilities={l.vulnerabilities} label={`Vulnerabilities of layer ${i + 1}`} />}
          </li>
        );
      })}
    </ol>
  );
}
