import { z } from 'zod';
import { LIMITS } from './limits.js';

/** Building blocks every feature schema uses, so limits are applied the same way everywhere. */
export const zName = z.string().trim().min(1, 'must not be empty').max(LIMITS.nameMax);
export const zText = z.string().max(LIMITS.textMax);
export const zId = z.uuid();
export const zIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const zArray = <T extends z.ZodType>(item: T) => z.array(item).max(LIMITS.arrayMax);

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
});
export type Health = z.infer<typeof healthSchema>;
