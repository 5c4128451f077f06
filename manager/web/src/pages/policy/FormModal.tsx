import type { FormEvent, ReactNode } from 'react';
import { Modal } from '../../components/Modal';
import type { Write } from '../../components/useWrite';
import { FormError } from '../../components/FormError';

/** A dialog around a form: Save submits it, the controller's refusal shows above the buttons. */
export function FormModal({ title, write, onSubmit, onClose, children, saveLabel = 'Save' }: { title: string; write: Write; onSubmit: () => void; onClose: () => void; children: ReactNode; saveLabel?: string }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const id = `form-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={id} className="primary" disabled={write.busy}>
            {saveLabel}
          </button>
        </>
      }
    >
      <form id={id} className="form" onSubmit={submit} aria-label={title}>
        {children}
        <FormError message={write.error} />
      </form>
    </Modal>
  );
}
