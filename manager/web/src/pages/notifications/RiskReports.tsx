import type { Column } from '../../components/DataTable';
import type { PageProps } from '../routes';
import { contains, field, levelColumn, LogTable, timeColumn, type Listed } from './LogTable';
import { text } from './logRecord';

const COLUMNS: Column<Listed>[] = [
  timeColumn,
  levelColumn,
  field('name', 'Report', {
    sortable: true,
    filter: {
      options: [
        'Container.Scan.Report',
        'Host.Scan.Report',
        'Registry.Scan.Report',
        'Admission.Control.Allowed',
        'Admission.Control.Violation',
        'Admission.Control.Denied',
      ],
    },
  }),
  field('workload_domain', 'Namespace', { filter: contains, sortable: true }),
  field('workload_name', 'Container', { filter: contains, sortable: true }),
  field('host_name', 'Node', { filter: contains }),
  { key: 'image', title: 'Image', render: (row) => text(row.record.image) || text(row.record.workload_image) },
  field('critical_vul_cnt', 'Critical', { sortable: true, className: 'num' }),
  field('high_vul_cnt', 'High', { sortable: true, className: 'num' }),
  field('medium_vul_cnt', 'Medium', { sortable: true, className: 'num' }),
  field('message', 'Message', { filter: contains, className: 'log-message' }),
];

/** The audit log: scan reports of containers, nodes and registry images, and admission control's verdicts. */
export default function RiskReports(_: PageProps) {
  return (
    <LogTable
      label="Risk reports"
      path="/v1/log/audit"
      replyKey="audits"
      columns={COLUMNS}
      sections={[
        {
          title: 'Vulnerabilities',
          fields: [
            ['critical_vuls', 'Critical'],
            ['high_vuls', 'High'],
            ['medium_vuls', 'Medium'],
            ['base_os', 'Base OS'],
            ['cvedb_version', 'CVE database'],
          ],
        },
      ]}
    />
  );
}
