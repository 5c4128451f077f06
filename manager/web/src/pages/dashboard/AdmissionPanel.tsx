import { useApi } from '../../session';
import { useAsync } from '../../components/useAsync';
import { href } from '../../router';
import { StackedBar } from './charts/StackedBar';
import { Panel } from './Panel';

interface AdmissionStats {
  k8s_allowed_requests: number;
  k8s_denied_requests: number;
  k8s_erroneous_requests: number;
  k8s_ignored_requests: number;
}

/** How many of Kubernetes' admission requests were allowed and denied since the controller started. */
export function AdmissionPanel({ tick }: { tick: number }) {
  const api = useApi();
  const value = useAsync(() => api.get<{ stats: AdmissionStats }>('/v1/admission/stats').then((r) => r.stats), [api, tick]);
  return (
    <Panel
      title="Admission control"
      value={value}
      isEmpty={(s) => !s || (s.k8s_allowed_requests ?? 0) + (s.k8s_denied_requests ?? 0) + (s.k8s_erroneous_requests ?? 0) === 0}
      empty="No admission requests yet."
      more={<a href={href('/policy/admission')}>Admission rules</a>}
    >
      {(s) => (
        <>
          <StackedBar
            label="Admission requests"
            parts={[
              { key: 'allowed', label: 'Allowed', value: s.k8s_allowed_requests ?? 0, color: 'var(--ok)' },
              { key: 'denied', label: 'Denied', value: s.k8s_denied_requests ?? 0, color: 'var(--danger)' },
              { key: 'erroneous', label: 'Failed', value: s.k8s_erroneous_requests ?? 0, color: 'var(--warn)' },
            ]}
          />
          <p className="muted">{s.k8s_ignored_requests ?? 0} requests ignored (not subject to admission control).</p>
        </>
      )}
    </Panel>
  );
}
