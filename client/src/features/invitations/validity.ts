/** People choose whole days; the API keeps hours (`expiresInHours`). */
export const VALIDITY_DAYS = { min: 1, max: 30, initial: 7 } as const;

/** The hours for a number of days typed in the form, or null unless it is 1–30 whole days. */
export function hoursFromDays(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const days = Number(trimmed);
  return days >= VALIDITY_DAYS.min && days <= VALIDITY_DAYS.max ? days * 24 : null;
}
