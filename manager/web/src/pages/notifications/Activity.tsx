import type { PageProps } from '../routes';
import { contains, field, levelColumn, LogTable, timeColumn } from './LogTable';

/** The audit trail of users' changes: every write to the API, by whom, from where, and how it ended. */
export default function Activity(_: PageProps) {
  return (
    <LogTable
      label="Activity"
      path="/v1/log/activity"
      replyKey="events"
      columns={[
        timeColumn,
        levelColumn,
        field('user', 'User', { filter: contains, sortable: true }),
        field('user_addr', 'Address', { filter: contains }),
        field('rest_method', 'Method', { filter: { options: ['POST', 'PUT', 'PATCH', 'DELETE'] }, sortable: true }),
        field('rest_request', 'Request', { filter: contains, sortable: true }),
        field('rest_status', 'Status', { sortable: true, className: 'num' }),
      ]}
      sections={[
        {
          title: 'Change',
          fields: [
            ['user', 'User'],
            ['user_roles', 'Roles'],
            ['user_addr', 'Address'],
            ['rest_method', 'Method'],
            ['rest_request', 'Request'],
            ['rest_status', 'Status'],
          ],
        },
      ]}
    />
  );
}
