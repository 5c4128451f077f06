import type { Bucket } from './charts/TimeLine';

export const HOUR = 3600;
export const DAY_HOURS = 24;

/** The start (seconds) of the first of the hourly buckets that end with the hour now is in. */
export function windowStart(nowSeconds: number, hours = DAY_HOURS): number {
  return Math.floor(nowSeconds / HOUR) * HOUR - (hours - 1) * HOUR;
}

/**
 * Counts records by hour and by kind over the last hours (the current hour last); records outside the window,
 * or without a numeric reported_timestamp, are left out.
 */
export function hourly(records: Record<string, { reported_timestamp?: unknown }[] | undefined>, nowSeconds: number, hours = DAY_HOURS): Bucket[] {
  const start = windowStart(nowSeconds, hours);
  const buckets: Bucket[] = Array.from({ length: hours }, (_, i) => ({ start: start + i * HOUR, counts: {} }));
  for (const [kind, list] of Object.entries(records)) {
    for (const r of Array.isArray(list) ? list : []) {
      const t = r?.reported_timestamp;
      if (typeof t !== 'number' || !Number.isFinite(t)) continue;
      const at = Math.floor((t - start) / HOUR);
      if (at < 0 || at >= hours) continue;
      buckets[at].counts[kind] = (buckets[at].counts[kind] ?? 0) + 1;
    }
  }
  return buckets;
}
