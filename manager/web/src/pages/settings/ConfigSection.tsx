import { useState, type ReactNode } from 'react';
import { FormError } from '../../components/FormError';
import { useWrite } from '../../components/useWrite';

export type Setter<T> = <K extends keyof T>(key: K) => (value: T[K]) => void;

/**
 * One section of a settings page, saved on its own: a draft of its fields, Save and Undo, and the controller's
 * refusal under it. The draft follows the saved values when they change (after a save the controller's normalised
 * values show), and keeps its edits when another section is saved.
 */
export function ConfigSection<T extends object>({ title, saved, canWrite, save, children, description }: {
  title: string;
  saved: T;
  canWrite: boolean;
  save: (draft: T) => Promise<unknown>;
  children: (draft: T, set: Setter<T>) => ReactNode;
  description?: ReactNode;
}) {
  const action = useWrite();
  const [draft, setDraft] = useState(saved);
  const [done, setDone] = useState(false);
  const savedText = JSON.stringify(saved);
  // Follows new saved values while rendering, not in an effect: an effect would also run after the first render
  // and could drop an edit made before it ran.
  const [followed, setFollowed] = useState(savedText);
  if (followed !== savedText) {
    setFollowed(savedText);
    setDraft(JSON.parse(savedText) as T);
  }

  const set: Setter<T> = (key) => (value) => {
    setDone(false);
    setDraft((old) => ({ ...old, [key]: value }));
  };
  const changed = JSON.stringify(draft) !== savedText;
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

  return (
    <form
      className="panel form"
      aria-labelledby={id}
      // the controller checks every value and says what it allows
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(await action.run(() => save(draft)));
      }}
    >
      <h2 id={id}>{title}</h2>
      {description}
      <fieldset className="plain" disabled={!canWrite}>
        {children(draft, set)}
      </fieldset>
      {canWrite && (
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy || !changed}>
            Save {title.toLowerCase()}
          </button>
          <button
            type="button"
            disabled={action.busy || !changed}
            onClick={() => {
              action.clear();
              setDraft(JSON.parse(savedText) as T);
            }}
          >
            Undo
          </button>
          {done && !changed && (
            <span role="status" className="settings-ok">
              Saved.
            </span>
          )}
        </div>
      )}
      <FormError message={action.error} />
    </form>
  );
}

/** The fields of an object that a section edits. */
export function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = from[k];
  return out;
}
