import { fireEvent, screen, within } from '@testing-library/react';
import { vi } from 'vitest';
import { fakeController, Status } from '../../test/fakeController';
import Backup, { fileNameOf } from './Backup';
import { renderPage } from './testing';

function catchDownloads() {
  const links: HTMLAnchorElement[] = [];
  // jsdom has no object URLs; this test file's URL gets them
  URL.createObjectURL = vi.fn(() => 'blob:backup');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    links.push(this);
  });
  return links;
}

test('exports the chosen section as a file', async () => {
  const links = catchDownloads();
  const sent = fakeController({ 'GET /v1/file/config': () => ({ section: 'policy', entries: {} }) });
  renderPage(Backup);
  const panel = screen.getByRole('region', { name: 'Export the configuration' });
  fireEvent.click(within(panel).getByLabelText('Policy only'));
  fireEvent.click(within(panel).getByRole('button', { name: 'Export configuration' }));
  await within(panel).findByText(/Saved bulwark-config-policy.json.gz/);
  expect(sent[0].query.get('section')).toBe('policy');
  expect(sent[0].query.get('raw')).toBe('true');
  expect(links).toHaveLength(1);
  expect(links[0].download).toBe('bulwark-config-policy.json.gz');
  expect(links[0].href).toBe('blob:backup');
});

test('shows why an export was refused', async () => {
  catchDownloads();
  fakeController({
    'GET /v1/file/config': () => {
      throw new Status(403, 'Access denied');
    },
  });
  renderPage(Backup);
  const panel = screen.getByRole('region', { name: 'Export the configuration' });
  fireEvent.click(within(panel).getByLabelText('Users and roles only'));
  fireEvent.click(within(panel).getByRole('button', { name: 'Export configuration' }));
  expect(await within(panel).findByRole('alert')).toHaveTextContent('Access denied');
});

test('restores a backup and shows the result, or why it was refused', async () => {
  let refuse = true;
  const sent = fakeController({
    'POST /v1/file/config': () => {
      if (refuse) throw new Status(400, 'the backup is not signed by this cluster');
      return { data: { tid: 'a1', percentage: 100, status: 'done', triggered_by: 'admin', last_update_time: '2026-12-05T11:00:00Z' } };
    },
  });
  renderPage(Backup);
  const form = screen.getByRole('form', { name: 'Restore a backup' });
  expect(within(form).getByRole('button', { name: 'Restore backup' })).toBeDisabled();
  const file = new File([new Uint8Array([0x1f, 0x8b])], 'backup.json.gz', { type: 'application/gzip' });
  fireEvent.change(within(form).getByLabelText('Backup file'), { target: { files: [file] } });
  fireEvent.click(within(form).getByRole('button', { name: 'Restore backup' }));
  expect(await within(form).findByRole('alert')).toHaveTextContent('the backup is not signed by this cluster');
  expect(sent[0].query.get('trust')).toBeNull();

  refuse = false;
  fireEvent.click(within(form).getByLabelText('Trust a backup not signed by this cluster'));
  fireEvent.click(within(form).getByRole('button', { name: 'Restore backup' }));
  expect(await within(form).findByText(/Restored backup.json.gz: done, by admin/)).toBeInTheDocument();
  expect(sent[1].query.get('trust')).toBe('true');
  expect(sent[1].body).toBe(file);
});

test('a role that may not change the configuration may export, not restore', () => {
  fakeController({});
  renderPage(Backup, 'reader');
  expect(screen.getByRole('button', { name: 'Export configuration' })).toBeEnabled();
  expect(screen.queryByRole('button', { name: 'Restore backup' })).toBeNull();
});

test("the file name is the controller's only when it is a plain one", () => {
  const answer = (disposition: string) => new Response('', { headers: { 'Content-Disposition': disposition } });
  expect(fileNameOf(answer('attachment; filename="bulwark-config-all.json.gz"'), 'all')).toBe('bulwark-config-all.json.gz');
  expect(fileNameOf(answer('attachment; filename="../../etc/passwd"'), 'all')).toBe('bulwark-config-all.json.gz');
  expect(fileNameOf(answer(`attachment; filename="${'a'.repeat(500)}"`), 'user')).toBe('bulwark-config-user.json.gz');
  expect(fileNameOf(answer('garbage'), 'policy')).toBe('bulwark-config-policy.json.gz');
});
