import { FormError } from './FormError';
import { Modal } from './Modal';
import { useWrite } from './useWrite';

/** Asks before a change that cannot be undone (a deletion); the controller's refusal stays in the dialog. */
export function Confirm({ title, message, confirmLabel = 'Delete', onConfirm, onClose }: {
  title: string;
  message: string;
  confirmLabel?: string;
  onConfirm: () => Promise<unknown>;
  onClose: (done: boolean) => void;
}) {
  const write = useWrite();
  return (
    <Modal
      title={title}
      onClose={() => onClose(false)}
      footer={
        <>
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={write.busy} onClick={() => write.run(onConfirm, () => onClose(true))}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
      <FormError message={write.error} />
    </Modal>
  );
}
