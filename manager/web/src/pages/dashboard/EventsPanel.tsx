import { useApi } from '../../session';
import { useAsync } from '../../components/useAsync';
import { href } from '../../router';
import { TimeLine, type Bucket, type Series } from './charts/TimeLine';
import { Panel } from './Panel';
import { hourly, windowStart } from './timeline';

interface SecurityLogs {
  threats?: { reported_timestamp?: number }[];
  violations?: { reported_timestamp?: number }[];
  incidents?: { reported_timestamp?: number }[];
}

const SERIES: Series[] = [
  { key: 'violations', label: 'Violations', color: 'var(--medium)', href: href('/notifications/security-events', { kind: 'violation' }) },
  { key: 'incidents', label: 'Incidents', color: 'var(--high)', href: href('/notifications/security-events', { kind: 'incident' }) },
  { key: 'threats', label: 'Threats', color: 'var(--critical)', href: href('/notifications/security-events', { kind: 'threat' }) },
];

/**
 * Violations, incidents and threats of the last 24 hours by hour: one call to /v1/log/security, which filters all
 * three logs by time.
 */
export function EventsPanel({ tick }: { tick: number }) {
  const api = useApi();
  const value = useAsync(async () => {
    const now = Math.floor(Date.now() / 1000);
    const logs = await api.get<SecurityLogs>('/v1/log/security', { f_reported_timestamp: `gte,${windowStart(now)}` });
    return hourly({ violations: logs.violations, incidents: logs.incidents, threats: logs.threats }, now);
  }, [api, tick]);
  return (
    <Panel
      title="Security events, last 24 hours"
      value={value}
      className="dash-full"
      isEmpty={(buckets: Bucket[]) => buckets.every((b) => Object.keys(b.counts).length === 0)}
      empty="No security events in the last 24 hours."
      more={<a href={href('/notifications/security-events')}>All security events</a>}
    >
      {(buckets) => <TimeLine label="Security events per hour" buckets={buckets} series={SERIES} />}
    </Panel>
  );
}
