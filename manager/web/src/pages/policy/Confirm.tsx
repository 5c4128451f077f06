import { Modal } from '../../components/Modal';
import { useWrite } from './useWrite';

/** Asks before a deletion; the deletion's error stays in the dialog. */
export function Confirm({ title, message, action = 'Delete', onConfirm, onClose }: { title: string; message: string; action?: string; onConfirm: () => Promise<unknown>; onClose: (done: boolean) => void }) {
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
            {action}
          </button>
        </>
      }
    >
      <p>{message}</p>
      {write.error && (
        <p className="form-error" role="alert">
          {write.error}
        </p>
      )}
    </Modal>
  );
}
