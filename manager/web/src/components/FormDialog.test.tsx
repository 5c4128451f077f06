import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { FormDialog } from './FormDialog';
import { useWrite } from './useWrite';

function Rename({ send, onClose }: { send: (name: string) => Promise<unknown>; onClose: () => void }) {
  const write = useWrite();
  const [name, setName] = useState('');
  const [local, setLocal] = useState<string>();
  const submit = () => {
    setLocal(name ? undefined : 'A name is needed.');
    if (name) void write.run(() => send(name), onClose);
  };
  return (
    <FormDialog title="Rename" write={write} localError={local} onSubmit={submit} onClose={onClose} saveLabel="Rename it" noValidate footerStart={<button type="button">Delete…</button>}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
    </FormDialog>
  );
}

test('submits with its save button, shows the local refusal first and then the controller one', async () => {
  const sent: string[] = [];
  let closed = 0;
  const send = async (name: string) => {
    sent.push(name);
    if (name === 'taken') throw new Error('name taken');
  };
  render(<Rename send={send} onClose={() => closed++} />);
  expect(screen.getByRole('button', { name: 'Delete…' })).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Rename it' }));
  expect((await screen.findByRole('alert')).textContent).toBe('A name is needed.');
  expect(sent).toEqual([]);

  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'taken' } });
  fireEvent.click(screen.getByRole('button', { name: 'Rename it' }));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('name taken'));

  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'fresh' } });
  fireEvent.click(screen.getByRole('button', { name: 'Rename it' }));
  await waitFor(() => expect(closed).toBe(1));
  expect(sent).toEqual(['taken', 'fresh']);
});

test('read-only, it has no save button and closes with its close label', () => {
  let closed = 0;
  const write = { busy: false, error: undefined, run: async () => true, clear: () => {} };
  render(
    <FormDialog title="Webhook w1" write={write} readOnly closeLabel="Close webhook" onSubmit={() => {}} onClose={() => closed++}>
      <p>fields</p>
    </FormDialog>,
  );
  expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Close webhook' }));
  expect(closed).toBe(1);
});
