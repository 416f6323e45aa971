import { z } from 'zod';
import { CONNECTION_STATUSES, type ConnectionStatus } from './domain.js';
import { paginationQuerySchema, zId, zText } from './schemas.js';

/** A suggestion's reason code (see `network.ts`); lowercase words joined by underscores. */
export const zReasonCode = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a reason code such as shared_target_group');

/**
 * Parameters of a generated reason (names, lists, counts); small and flat so they stay data:
 * strings, numbers, booleans or lists of strings.
 */
export const zReasonParams = z
  .record(
    z.string().max(40),
    z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(200)).max(20)]),
  )
  .refine((r) => Object.keys(r).length <= 20, 'at most 20 parameters');

/**
 * `POST …/connections` (brokers): propose a tie between two active partners. The reason is the
 * broker's own words, or a suggestion's `reasonCode` + `reasonParams` (each reader sees it in
 * their language), or both.
 */
export const proposeConnectionSchema = z
  .object({
    fromPartnerId: zId,
    toPartnerId: zId,
    reason: zText.trim().min(1, 'must not be empty').optional(),
    reasonCode: zReasonCode.optional(),
    reasonParams: zReasonParams.optional(),
  })
  .refine((c) => c.fromPartnerId.toLowerCase() !== c.toPartnerId.toLowerCase(), {
    path: ['toPartnerId'],
    message: 'a partner cannot be connected with itself',
    params: { rule: 'connection_self' },
  })
  .refine((c) => !!c.reason || !!c.reasonCode, {
    path: ['reason'],
    message: 'must not be empty',
    params: { rule: 'connection_reason' },
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
  /** The broker's own words ('' when only a generated reason was given). */
  reason: string;
  /** A generated reason to phrase in the reader's language (a suggestion's code), or null. */
  reasonCode: string | null;
  reasonParams: Record<string, unknown> | null;
  status: ConnectionStatus;
  /** In the order they were given. */
  responses: ConnectionResponseDto[];
  proposedBy: string;
  createdAt: string;
  updatedAt: string;
  /** When it became accepted, declined or expired. */
  closedAt: string | null;
}
