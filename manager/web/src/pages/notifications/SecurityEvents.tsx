import { Tabs } from '../../components/Tabs';
import type { Column } from '../../components/DataTable';
import { navigate } from '../../router';
import type { PageProps } from '../routes';
import { contains, field, levelColumn, LogTable, timeColumn, type DetailSection, type Listed } from './LogTable';

type Kind = 'violation' | 'incident' | 'threat';

interface KindDef {
  key: Kind;
  title: string;
  path: string;
  replyKey: string;
  columns: Column<Listed>[];
  sections?: DetailSection[];
}

// Each kind is its own log: /v1/log/security applies one list query to each of its lists, so its pages are not
// pages of one merged list.
const KINDS: KindDef[] = [
  {
    key: 'violation',
    title: 'Violations',
    path: '/v1/log/violation',
    replyKey: 'violations',
    columns: [
      timeColumn,
      levelColumn,
      field('client_name', 'Client', { filter: contains, sortable: true }),
      field('server_name', 'Server', { filter: contains, sortable: true }),
      field('server_port', 'Port', { sortable: true, className: 'num' }),
      field('applications', 'Applications'),
      field('policy_action', 'Action', { filter: { options: ['allow', 'deny', 'violate'] } }),
      field('host_name', 'Node', { filter: contains }),
    ],
    sections: [
      {
        title: 'Connection',
        fields: [
          ['client_name', 'Client'],
          ['client_domain', 'Client namespace'],
          ['client_ip', 'Client address'],
          ['server_name', 'Server'],
          ['server_domain', 'Server namespace'],
          ['server_ip', 'Server address'],
          ['server_port', 'Port'],
          ['ip_proto', 'IP protocol'],
          ['fqdn', 'Domain name'],
          ['sessions', 'Sessions'],
          ['policy_action', 'Action'],
          ['policy_id', 'Rule'],
        ],
      },
    ],
  },
  {
    key: 'incident',
    title: 'Incidents',
    path: '/v1/log/incident',
    replyKey: 'incidents',
    columns: [
      timeColumn,
      levelColumn,
      field('name', 'Name', { filter: contains, sortable: true }),
      field('workload_name', 'Container', { filter: contains, sortable: true }),
      field('group', 'Group', { filter: contains, sortable: true }),
      field('proc_name', 'Process', { filter: contains }),
      field('action', 'Action', { filter: { options: ['violate', 'deny', 'allow'] } }),
      field('host_name', 'Node', { filter: contains }),
    ],
    sections: [
      {
        title: 'Process',
        fields: [
          ['proc_name', 'Name'],
          ['proc_path', 'Path'],
          ['proc_cmd', 'Command'],
          ['proc_pid', 'PID'],
          ['proc_effective_uid', 'Effective user id'],
          ['proc_parent_name', 'Parent name'],
          ['proc_parent_path', 'Parent path'],
          ['file_path', 'File'],
          ['action', 'Action'],
          ['rule_id', 'Rule'],
          ['message', 'Message'],
        ],
      },
      {
        title: 'Container',
        fields: [
          ['workload_name', 'Name'],
          ['workload_domain', 'Namespace'],
          ['group', 'Group'],
          ['workload_image', 'Image'],
          ['host_name', 'Node'],
        ],
      },
    ],
  },
  {
    key: 'threat',
    title: 'Threats',
    path: '/v1/log/threat',
    replyKey: 'threats',
    // the controller records no threats yet: its list is empty, but asked like the others
    columns: [
      timeColumn,
      levelColumn,
      field('name', 'Name'),
      field('client_name', 'Client'),
      field('server_name', 'Server'),
      field('action', 'Action'),
    ],
  },
];

/** Violations, incidents and threats, one log per tab (?kind=violation|incident|threat). */
export default function SecurityEvents({ location }: PageProps) {
  const kind = KINDS.find((k) => k.key === location.params.get('kind')) ?? KINDS[0];
  return (
    <>
      <Tabs
        label="Kind of security event"
        tabs={KINDS.map((k) => ({ key: k.key, title: k.title }))}
        active={kind.key}
        onChange={(key) => navigate(location.path, { kind: key })}
      />
      <LogTable
        key={kind.key}
        label={kind.title}
        path={kind.path}
        replyKey={kind.replyKey}
        columns={kind.columns}
        sections={kind.sections}
      />
    </>
  );
}
