import { z } from 'zod';
import { paginationQuerySchema, zName, zText } from './schemas.js';
import { LIMITS } from './limits.js';

const zOrder = z
  .number()
  .int('must be an integer')
  .min(0)
  .max(LIMITS.arrayMax * 50);

/**
 * `POST …/principles`. `order` is kept as given (default: one after the largest); the list is
 * sorted by it, ties by creation. Gaps (10, 20, 30) and ties are allowed.
 */
export const createPrincipleSchema = z.object({
  title: zName,
  description: zText.default(''),
  order: zOrder.optional(),
});
export type CreatePrincipleInput = z.input<typeof createPrincipleSchema>;

/** `PATCH …/principles/:id`; a new `order` is kept as given (the others do not move). */
export const updatePrincipleSchema = z.object({
  title: zName.optional(),
  description: zText.optional(),
  order: zOrder.optional(),
});
export type UpdatePrincipleInput = z.input<typeof updatePrincipleSchema>;

export const principleListQuerySchema = paginationQuerySchema;
export type PrincipleListQuery = z.infer<typeof principleListQuerySchema>;

export interface PrincipleDto {
  id: string;
  workspaceId: string;
  title: string;
  description: string;
  /** As given (or one after the largest): the list is ordered by it, ties by creation. */
  order: number;
  createdAt: string;
  updatedAt: string;
}
