import { Modal } from '../../components/Modal';
import { FormError } from './Fields';
import { useAction } from './useAction';

/** Asks before a change that cannot be undone (a deletion), and shows the controller's refusal if any. */
export function Confirm({ title, message, confirmLabel, onConfirm, onClose }: {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onClose: (done: boolean) => void;
}) {
  const action = useAction();
  return (
    <Modal
      title={title}
      onClose={() => onClose(false)}
      footer={
        <>
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={action.busy} onClick={async () => (await action.run(onConfirm)) && onClose(true)}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
      <FormError message={action.error} />
    </Modal>
  );
}
