import { useId, type FormEvent, type ReactNode } from 'react';
import { FormError } from './FormError';
import { Modal } from './Modal';
import type { Write } from './useWrite';

/**
 * A dialog around a form: its submit button sends it, the refusal (one found before sending, else the
 * controller's) shows below the fields. Read-only, it only shows the fields and closes.
 */
export function FormDialog({ title, write, onSubmit, onClose, children, saveLabel = 'Save', closeLabel = 'Cancel', readOnly, localError, footerStart, noValidate }: {
  title: string;
  write: Write;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
  saveLabel?: string;
  closeLabel?: string;
  readOnly?: boolean;
  localError?: string;
  /** At the footer's far side, apart from Cancel and Save (a Delete button). */
  footerStart?: ReactNode;
  /** Leaves checking the fields to the controller, whose message says what it allows. */
  noValidate?: boolean;
}) {
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <>
          {footerStart && (
            <>
              {footerStart}
              <span className="spacer" />
            </>
          )}
          <button type="button" onClick={onClose}>
            {closeLabel}
          </button>
          {!readOnly && (
            <button type="submit" form={id} className="primary" disabled={write.busy}>
              {saveLabel}
            </button>
          )}
        </>
      }
    >
      <form id={id} className="form" onSubmit={submit} aria-label={title} noValidate={noValidate}>
        {children}
        <FormError message={localError ?? write.error} />
      </form>
    </Modal>
  );
}
