export type Trend = 'up' | 'down' | 'same';

/** The direction of a metric between two moments, ignoring differences below rounding. */
export function trendOf(now: number, before: number, precision = 0.005): Trend {
  const d = now - before;
  if (Math.abs(d) < precision) return 'same';
  return d > 0 ? 'up' : 'down';
}

export const TREND_DAYS = 90;
