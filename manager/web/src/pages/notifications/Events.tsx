import type { PageProps } from '../routes';
import { contains, field, levelColumn, LogTable, timeColumn } from './LogTable';

/** The event log: containers starting and stopping, enforcers joining, users logging in, imports... */
export default function Events(_: PageProps) {
  return (
    <LogTable
      label="Events"
      path="/v1/log/event"
      replyKey="events"
      columns={[
        timeColumn,
        levelColumn,
        field('name', 'Name', { filter: contains, sortable: true }),
        field('category', 'Category', { filter: contains, sortable: true }),
        field('workload_name', 'Container', { filter: contains, sortable: true }),
        field('host_name', 'Node', { filter: contains, sortable: true }),
        field('user', 'User', { filter: contains, sortable: true }),
        field('message', 'Message', { filter: contains, className: 'log-message' }),
      ]}
    />
  );
}
