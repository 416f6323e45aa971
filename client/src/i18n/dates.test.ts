import { describe, expect, it } from 'vitest';
import { formatDate } from './dates';

const now = Date.parse('2026-12-06T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const MIN = 60_000;

describe('formatDate', () => {
  it('writes recent moments relative to now, in the reader’s language', () => {
    expect(formatDate(ago(10_000), 'en', 'relative', now)).toBe('now');
    expect(formatDate(ago(10_000), 'nl', 'relative', now)).toBe('nu');
    expect(formatDate(ago(5 * MIN), 'en', 'relative', now)).toBe('5 minutes ago');
    expect(formatDate(ago(5 * MIN), 'nl', 'relative', now)).toBe('5 minuten geleden');
    expect(formatDate(ago(3 * 60 * MIN), 'en', 'relative', now)).toBe('3 hours ago');
    expect(formatDate(ago(24 * 60 * MIN), 'en', 'relative', now)).toBe('yesterday');
    expect(formatDate(ago(24 * 60 * MIN), 'nl', 'relative', now)).toBe('gisteren');
    // Deadlines lie ahead.
    expect(formatDate(ago(-2 * 60 * MIN), 'en', 'relative', now)).toBe('in 2 hours');
  });

  it('falls back to the absolute style after a week, the same one every page uses', () => {
    const old = ago(30 * 24 * 60 * MIN);
    expect(formatDate(old, 'en', 'relative', now)).toBe(formatDate(old, 'en', 'dateTime', now));
    expect(formatDate('2026-11-06T12:00:00Z', 'en', 'date')).toMatch(/^6 Nov 2026$|^Nov 6, 2026$/);
    expect(formatDate('2026-11-06T12:00:00Z', 'nl', 'date')).toBe('6 nov 2026');
  });

  it('accepts dates, strings and numbers, and writes nothing for an invalid one', () => {
    const d = new Date(now);
    expect(formatDate(d, 'nl')).toBe(formatDate(d.toISOString(), 'nl'));
    expect(formatDate(now, 'nl')).toBe(formatDate(d, 'nl'));
    expect(formatDate('not a date', 'en')).toBe('');
  });
});
