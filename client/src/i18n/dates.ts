import { useMemo } from 'react';
import { useNow } from '../components/ui/useNow';
import { useI18n } from './i18n';
import type { Locale } from '@coalesce/shared';

/**
 * The one way the client writes dates and times, in the reader's locale:
 * - `dateTime`: absolute, e.g. "6 Dec 2026, 14:05" / "6 dec 2026, 14:05";
 * - `date`: the day only;
 * - `relative`: for what just happened (bell, feeds): "just now", "5 minutes ago", "yesterday",
 *   up to a week back; older moments fall back to `dateTime`, so a list never mixes styles for
 *   the same age.
 */
export type DateStyle = 'dateTime' | 'date' | 'relative';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function intl<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

const absolute = (locale: Locale) =>
  intl(
    `${locale}:dt`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  );
const dayOnly = (locale: Locale) =>
  intl(`${locale}:d`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }));
const rel = (locale: Locale) =>
  intl(`${locale}:rel`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

export function formatDate(
  value: Date | string | number,
  locale: Locale,
  style: DateStyle = 'dateTime',
  now: number = Date.now(),
): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  if (style === 'date') return dayOnly(locale).format(d);
  if (style === 'relative') {
    const diff = d.getTime() - now;
    const ago = Math.abs(diff);
    // A minute either way is "now" (clocks of server and browser differ a little).
    if (ago < MINUTE) return rel(locale).format(0, 'second');
    if (ago < HOUR) return rel(locale).format(Math.round(diff / MINUTE), 'minute');
    if (ago < DAY) return rel(locale).format(Math.round(diff / HOUR), 'hour');
    if (ago < 7 * DAY) return rel(locale).format(Math.round(diff / DAY), 'day');
  }
  return absolute(locale).format(d);
}

/**
 * `fmt.format(date)` in the reader's locale and the given style; relative ones refresh every
 * minute.
 */
export function useDateFormat(style: DateStyle = 'dateTime'): {
  format(value: Date | string | number): string;
} {
  const { locale } = useI18n();
  const now = useNow(style === 'relative' ? MINUTE : 60 * MINUTE);
  return useMemo(
    () => ({ format: (value) => formatDate(value, locale, style, now) }),
    [locale, style, now],
  );
}
