import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  /** The controller's message for the last failed run (its validation message), cleared by the next run. */
  error: string | undefined;
  /** Runs a change; resolves true when it succeeded. */
  run: (change: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

/** A change sent to the controller from a form: busy while it runs, and why it was refused. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (change: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await change();
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
