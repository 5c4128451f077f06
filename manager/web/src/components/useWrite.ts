import { useCallback, useState } from 'react';

export interface Write {
  busy: boolean;
  /** The controller's message for the last failed run (its validation message), cleared by the next run. */
  error: string | undefined;
  /** Runs a change; on success calls done and resolves true, on failure keeps the controller's message. */
  run: (change: () => Promise<unknown>, done?: () => void) => Promise<boolean>;
  clear: () => void;
}

/** A change sent to the controller from a form or dialog: busy while it runs, and why it was refused. */
export function useWrite(): Write {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (change: () => Promise<unknown>, done?: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await change();
      done?.();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, run, clear };
}
