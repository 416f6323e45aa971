import { z } from 'zod';
import { CONNECTION_STATUSES, type ConnectionStatus } from './domain.js';
import { paginationQuerySchema, zId, zText } from './schemas.js';

/** `POST …/connections` (brokers): propose a tie between two active partners. */
export const proposeConnectionSchema = z
  .object({
    fromPartnerId: zId,
    toPartnerId: zId,
    reason: zText.trim().min(1, 'must not be empty'),
  })
  .refine((c) => c.fromPartnerId.toLowerCase() !== c.toPartnerId.toLowerCase(), {
    path: ['toPartnerId'],
    message: 'a partner cannot be connected with itself',
  });
export type ProposeConnectionInput = z.input<typeof proposeConnectionSchema>;
export type ProposeConnection = z.output<typeof proposeConnectionSchema>;

/**
 * `POST …/connections/:cid/respond` by a representative of either side, once per side.
 * `partnerId` names the side answered: a representative may leave it out (their own side); a
 * coordinator may answer for a side nobody represents (recorded as `onBehalf`).
 */
export const respondConnectionSchema = z.object({
  accept: z.boolean(),
  note: zText.trim().optional(),
  partnerId: zId.optional(),
});
export type RespondConnectionInput = z.input<typeof respondConnectionSchema>;
export type RespondConnection = z.output<typeof respondConnectionSchema>;

/** `GET …/connections?status=&partnerId=` (newest first); `partnerId` matches either side. */
export const connectionListQuerySchema = paginationQuerySchema.extend({
  status: z.enum(CONNECTION_STATUSES).optional(),
  partnerId: zId.optional(),
});
export type ConnectionListQuery = z.infer<typeof connectionListQuerySchema>;

export interface ConnectionResponseDto {
  partnerId: string;
  accept: boolean;
  note: string | null;
  respondedBy: string;
  respondedAt: string;
  /** A coordinator answered for a side that had no representative. */
  onBehalf: boolean;
}

export interface ConnectionDto {
  id: string;
  workspaceId: string;
  fromPartnerId: string;
  toPartnerId: string;
  reason: string;
  status: ConnectionStatus;
  /** In the order they were given. */
  responses: ConnectionResponseDto[];
  proposedBy: string;
  createdAt: string;
  updatedAt: string;
  /** When it became accepted, declined or expired. */
  closedAt: string | null;
}
