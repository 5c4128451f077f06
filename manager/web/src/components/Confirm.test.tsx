import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Confirm } from './Confirm';

test('keeps the controller refusal in the dialog, then closes once the change goes through', async () => {
  const closed: boolean[] = [];
  let refuse = true;
  const onConfirm = () => (refuse ? Promise.reject(new Error('group is in use')) : Promise.resolve());
  render(<Confirm title="Delete group" message="Delete nv.web?" onConfirm={onConfirm} onClose={(done) => closed.push(done)} />);

  fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
  expect((await screen.findByRole('alert')).textContent).toBe('group is in use');
  expect(closed).toEqual([]);

  refuse = false;
  fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
  await waitFor(() => expect(closed).toEqual([true]));
  expect(screen.queryByRole('alert')).toBeNull();
});

test('cancel closes without running the change', () => {
  const closed: boolean[] = [];
  let ran = false;
  render(<Confirm title="Delete user" message="Delete alice?" confirmLabel="Delete user" onConfirm={async () => { ran = true; }} onClose={(done) => closed.push(done)} />);
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(closed).toEqual([false]);
  expect(ran).toBe(false);
});
