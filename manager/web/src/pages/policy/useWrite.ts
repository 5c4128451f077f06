import { useCallback, useState } from 'react';

export interface Write {
  busy: boolean;
  error?: string;
  /** Runs a change; on success calls done, on failure keeps the controller's message for the form to show. */
  run: (change: () => Promise<unknown>, done?: () => void) => Promise<boolean>;
  clear: () => void;
}

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
