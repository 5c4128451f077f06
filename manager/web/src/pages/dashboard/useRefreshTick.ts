import { useEffect, useState } from 'react';

export const REFRESH_MS = 30_000;

/**
 * A number that grows every period while the page is visible, and at once when it becomes visible again: the
 * dashboard's panels reload on it, and a hidden tab asks the controller nothing.
 */
export function useRefreshTick(periodMs = REFRESH_MS): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: number | undefined;
    const stop = () => {
      if (timer !== undefined) window.clearInterval(timer);
      timer = undefined;
    };
    const start = () => {
      stop();
      timer = window.setInterval(() => setTick((t) => t + 1), periodMs);
    };
    const changed = () => {
      if (document.visibilityState === 'visible') {
        setTick((t) => t + 1);
        start();
      } else {
        stop();
      }
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', changed);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', changed);
    };
  }, [periodMs]);
  return tick;
}
