import { useCallback } from 'react';
import { DataTable, type DataTableProps } from '../../components/DataTable';
import type { PageRequest } from '../../api/listQuery';
import { pageLocally } from '../../api/localPage';

/** The shared table over a list the controller answers whole (no list query): paged, sorted, filtered here. */
export function LocalTable<T>({ rows, ...props }: Omit<DataTableProps<T>, 'fetchPage'> & { rows: T[] }) {
  const fetchPage = useCallback((page: PageRequest) => Promise.resolve(pageLocally(rows, page)), [rows]);
  return <DataTable {...props} fetchPage={fetchPage} />;
}
