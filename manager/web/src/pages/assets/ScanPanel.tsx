import { useState } from 'react';
import type { ApiError } from '../../api/client';
import { Time } from '../../components/Badges';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { Link } from '../../router';
import { useApi, useSession } from '../../session';
import { ModuleTable, SeverityCounts, VulnerabilityTable } from '../risks/ReportParts';
import type { ScanBrief, ScanReport } from '../risks/scanReport';
import '../risks/risks.css';

/**
 * The runtime scan of a container or node: its last scan's state, a button that asks for a scan ahead of the
 * automatic ones, and the report's vulnerabilities (the accepted ones tagged) and packages.
 */
export function ScanPanel({ path, brief, what, reportLink }: { path: string; brief?: ScanBrief; what: string; reportLink?: Record<string, string> }) {
  const api = useApi();
  const { canWrite } = useSession();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const report = useAsync(() => api.get<{ report: ScanReport }>(path, { show: 'accepted' }).then((r) => r.report), [api, path]);
  const scan = () =>
    api.post(path).then(
      () => setMessage({ text: `A scan of this ${what} is queued; its report shows here once it finished.` }),
      (e: ApiError) => setMessage({ text: e.message, error: true }),
    );
  return (
    <div>
      <div className="actions">
        <span>
          Last scan: {brief?.status || 'never'} {brief?.scanned_at && <>at <Time value={brief.scanned_at} /></>}
          {brief?.status === 'finished' && (
            <>
              {' '}
              — critical/high/medium <SeverityCounts {...brief} />
            </>
          )}
          {brief?.base_os && <span className="muted"> · {brief.base_os}</span>}
        </span>
        {canWrite('rt_scan') && (
          <button type="button" onClick={scan}>
            Scan now
          </button>
        )}
        <button type="button" onClick={report.reload}>
          Refresh
        </button>
        {reportLink && (
          <Link to="/risks/report" params={reportLink}>
            Open the full report
          </Link>
        )}
      </div>
      {message && (
        <p className={message.error ? 'form-error spaced' : 'notice spaced'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {brief?.status === 'failed' && brief.result && <p className="form-error spaced">The last scan failed: {brief.result}</p>}
      <AsyncView value={report}>
        {(r) => (
          <>
            <h3>Vulnerabilities</h3>
            <VulnerabilityTable vulnerabilities={r.vulnerabilities ?? []} label={`Vulnerabilities of this ${what}`} />
            <h3>Packages</h3>
            <ModuleTable modules={r.modules ?? []} label={`Packages of this ${what}`} />
          </>
        )}
      </AsyncView>
    </div>
  );
}
