import { z } from 'zod';
import { LIMITS } from './limits.js';

/** Building blocks every feature schema uses, so limits are applied the same way everywhere. */
export const zName = z.string().trim().min(1, 'must not be empty').max(LIMITS.nameMax);
export const zText = z.string().max(LIMITS.textMax);
export const zId = z.uuid();
export const zIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const zArray = <T extends z.ZodType>(item: T) => z.array(item).max(LIMITS.arrayMax);

/** `YYYY-MM-DD` that is also a real calendar day (2025-02-30 is not). */
export const zCalendarDate = zIsoDate.refine(
  (s) => {
    // A malformed string is already reported by the pattern: one message per field.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true;
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  },
  { message: 'must be a real date YYYY-MM-DD', params: { rule: 'real_date' } },
);

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A moment given as an ISO date (`2025-03-01`, midnight UTC) or date-time with a zone
 * (`2025-03-01T10:00:00Z`, `…+01:00`); normalised to the UTC ISO string `…Z`.
 */
export const zInstant = z
  .string()
  .trim()
  .max(40)
  .refine(
    (s) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return zCalendarDate.safeParse(s).success;
      return ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s));
    },
    {
      message: 'must be an ISO date (YYYY-MM-DD) or date-time with a time zone',
      params: { rule: 'instant' },
    },
  )
  .transform((s) =>
    new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00.000Z` : s).toISOString(),
  );

/** Distinct values, in first-seen order. */
export const distinct = <T>(items: T[]): T[] => [...new Set(items)];

/** `?limit=&cursor=` of every list endpoint. */
export const paginationQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int('must be an integer')
    .min(LIMITS.pageMin)
    .max(LIMITS.pageMax)
    .default(LIMITS.pageDefault),
  cursor: z.string().min(1).max(500).optional(),
});
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['up', 'down']),
  /** `off` without REDIS_URL (one instance); `down` degrades the service but does not fail it. */
  redis: z.enum(['up', 'down', 'off']),
});
export type Health = z.infer<typeof healthSchema>;
