import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DataTable, type Column } from './DataTable';
import type { Page, PageRequest } from '../api/listQuery';

interface Row {
  name: string;
  size: number;
}

const all: Row[] = Array.from({ length: 60 }, (_, i) => ({ name: `item-${String(i).padStart(2, '0')}`, size: i % 7 }));
const columns: Column<Row>[] = [
  { key: 'name', title: 'Name', sortable: true, filter: {} },
  { key: 'size', title: 'Size', sortable: true },
];

/** The list query as the controller answers it, over an array. */
function serve(requests: PageRequest[]) {
  return async (page: PageRequest): Promise<Page<Row>> => {
    requests.push(page);
    let rows = all.filter((r) => page.filters.every((f) => r.name.includes(f.value)));
    if (page.sort) {
      const { field, dir } = page.sort;
      rows = [...rows].sort((a, b) => (a[field as keyof Row] > b[field as keyof Row] ? 1 : -1) * (dir === 'asc' ? 1 : -1));
    }
    return { rows: rows.slice(page.start, page.start + page.limit), more: rows.length > page.start + page.limit };
  };
}

test('pages, sorts and filters through the fetch, not in the browser', async () => {
  const requests: PageRequest[] = [];
  const fetchPage = serve(requests);
  render(<DataTable label="Items" columns={columns} fetchPage={fetchPage} rowKey={(r) => r.name} pageSize={25} />);
  await screen.findByText('item-00');
  expect(screen.getAllByRole('row')).toHaveLength(2 + 25);

  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByText('item-25');
  expect(requests.at(-1)?.start).toBe(25);

  fireEvent.click(screen.getByRole('button', { name: /Name/ }));
  fireEvent.click(screen.getByRole('button', { name: /Name/ }));
  await waitFor(() => expect(requests.at(-1)).toMatchObject({ start: 0, sort: { field: 'name', dir: 'desc' } }));
  await screen.findByText('item-59');

  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Name' }), { target: { value: 'item-4' } });
  await waitFor(() => expect(requests.at(-1)?.filters).toEqual([{ field: 'name', op: 'in', value: 'item-4' }]));
  expect(requests.at(-1)?.start).toBe(0);
  await waitFor(() => expect(screen.queryByText('item-59')).toBeNull());
  expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
});

test('shows the empty and the error states, and retries', async () => {
  let fail = true;
  const fetchPage = async (): Promise<Page<Row>> => {
    if (fail) throw new Error('controller unreachable');
    return { rows: [], more: false };
  };
  render(<DataTable label="Items" columns={columns} fetchPage={fetchPage} rowKey={(r) => r.name} empty="No items." />);
  await screen.findByText(/controller unreachable/);
  fail = false;
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })));
  await screen.findByText('No items.');
});

test('rows take the keyboard: arrows move, Enter opens', async () => {
  const opened: string[] = [];
  render(
    <DataTable label="Items" columns={columns} fetchPage={serve([])} rowKey={(r) => r.name} onRowActivate={(r) => opened.push(r.name)} />,
  );
  const first = (await screen.findByText('item-00')).closest('tr')!;
  first.focus();
  fireEvent.keyDown(first, { key: 'ArrowDown' });
  expect(document.activeElement).toBe(screen.getByText('item-01').closest('tr'));
  fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
  expect(opened).toEqual(['item-01']);
});
