import { z } from 'zod';
import { paginationQuerySchema, zName, zText } from './schemas.js';
import { LIMITS } from './limits.js';

const zOrder = z
  .number()
  .int('must be an integer')
  .min(0)
  .max(LIMITS.arrayMax * 50);

/**
 * `POST …/principles`. `order` is the 0-based position to insert at (default: last); the list
 * stays dense (0, 1, 2, …): an order past the end means last.
 */
export const createPrincipleSchema = z.object({
  title: zName,
  description: zText.default(''),
  order: zOrder.optional(),
});
export type CreatePrincipleInput = z.input<typeof createPrincipleSchema>;

/** `PATCH …/principles/:id`; a new `order` moves it there and shifts the others. */
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
  /** 0-based, dense: the list is ordered by it. */
  order: number;
  createdAt: string;
  updatedAt: string;
}
