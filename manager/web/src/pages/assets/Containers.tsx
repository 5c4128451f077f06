import { useCallback, useState } from 'react';
import { fetchPage, type PageRequest } from '../../api/listQuery';
import { ModeBadge } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { navigate } from '../../router';
import { useApi } from '../../session';
import { SeverityCounts } from '../risks/ReportParts';
import '../risks/risks.css';
import type { PageProps } from '../routes';
import { ContainerDetail } from './ContainerDetail';
import { CONTAINER_STATES, POLICY_MODES, type Workload } from './workload';

export const containerColumns: Column<Workload>[] = [
  { key: 'display_name', title: 'Name', sortable: true, filter: {}, render: (w) => w.display_name || w.name },
  { key: 'domain', title: 'Namespace', sortable: true, filter: {} },
  { key: 'service_group', title: 'Group', sortable: true, filter: {} },
  { key: 'host_name', title: 'Node', sortable: true, filter: {} },
  { key: 'image', title: 'Image', sortable: true, filter: {} },
  { key: 'state', title: 'State', sortable: true, filter: { options: CONTAINER_STATES } },
  { key: 'policy_mode', title: 'Policy mode', sortable: true, filter: { options: POLICY_MODES }, render: (w) => <ModeBadge mode={w.policy_mode} /> },
  { key: 'cves', title: 'Critical/high/medium', render: (w) => (w.scan_summary?.status === 'finished' ? <SeverityCounts {...w.scan_summary} /> : <span className="muted">{w.scan_summary?.status || 'not scanned'}</span>) },
];

/** Assets → Containers: every container the enforcers report, paged, sorted and filtered by the controller. */
export default function Containers({ location }: PageProps) {
  const api = useApi();
  const id = location.params.get('id') ?? '';
  const [reload, setReload] = useState(0);
  const fetchRows = useCallback(
    (page: PageRequest) => fetchPage<Workload>(api, '/v1/workload', 'workloads', page),
    [api],
  );
  return (
    <>
      {id && <ContainerDetail key={id} id={id} onChanged={() => setReload((n) => n + 1)} />}
      <DataTable
        label="Containers"
        columns={containerColumns}
        fetchPage={fetchRows}
        rowKey={(w) => w.id}
        activeKey={id}
        reloadKey={reload}
        initialSort={{ field: 'display_name', dir: 'asc' }}
        onRowActivate={(w) => navigate('/assets/containers', { id: w.id })}
        empty="No containers match, or no enforcer reported any yet."
      />
    </>
  );
}
