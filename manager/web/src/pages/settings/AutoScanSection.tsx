import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { useApi } from '../../session';
import { ConfigSection, pick } from './ConfigSection';
import { CheckField } from '../../components/Fields';
import type { ScanConfig } from './types';

const PATH = '/v1/scan/config';

/** Which running containers and hosts are scanned without being asked (GET/PATCH /v1/scan/config). */
export function AutoScanSection({ canWrite }: { canWrite: boolean }) {
  const api = useApi();
  const config = useAsync(() => api.get<{ config: ScanConfig }>(PATH).then((d) => d.config), [api]);
  return (
    <AsyncView value={config}>
      {(c) => (
        <ConfigSection
          title="Automatic scans"
          saved={pick(c, ['enable_auto_scan_workload', 'enable_auto_scan_host'])}
          canWrite={canWrite}
          save={async (d) => {
            await api.patch(PATH, { config: d });
            config.reload();
          }}
        >
          {(d, set) => (
            <>
              <CheckField label="Scan running containers automatically" checked={d.enable_auto_scan_workload} onChange={set('enable_auto_scan_workload')} />
              <CheckField label="Scan hosts automatically" checked={d.enable_auto_scan_host} onChange={set('enable_auto_scan_host')} />
            </>
          )}
        </ConfigSection>
      )}
    </AsyncView>
  );
}
