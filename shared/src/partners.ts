import { z } from 'zod';
import {
  ACTOR_TYPES,
  MOTIVATIONS,
  PARTNER_KINDS,
  PARTNER_STATUSES,
  TIERS,
  type ActorType,
  type Motivation,
  type PartnerKind,
  type PartnerStatus,
  type Role,
  type Tier,
} from './domain.js';
import type { ActivityEventDto } from './activity.js';
import { LIMITS } from './limits.js';
import { distinct, paginationQuerySchema, zArray, zId, zInstant, zName, zText } from './schemas.js';

/** Upper bound for a partner's decision weight (the contract only asks for ≥ 0). */
export const PARTNER_WEIGHT_MAX = 1_000_000;

const zTag = zName;

export const contributionsSchema = z.object({
  expertise: zArray(zTag).default([]),
  targetGroups: zArray(zTag).default([]),
  resources: zArray(zTag).default([]),
});
export type Contributions = z.infer<typeof contributionsSchema>;

export const zPartnerWeight = z
  .number()
  .min(0, 'must be at least 0')
  .max(PARTNER_WEIGHT_MAX, `must be at most ${PARTNER_WEIGHT_MAX}`);
export const zMotivations = zArray(z.enum(MOTIVATIONS)).transform(distinct);
export const zWebsite = z
  .string()
  .trim()
  .max(LIMITS.nameMax * 10)
  .refine((s) => /^https?:\/\/\S+$/i.test(s), {
    message: 'must be an http(s) URL',
    params: { rule: 'web_address' },
  });

/**
 * The partner profile fields shared by `POST …/partners` and an inline proposal candidate.
 * `affiliationPartnerId` (individuals only) names an organisation partner of the same workspace.
 */
export const partnerProfileFields = {
  kind: z.enum(PARTNER_KINDS),
  name: zName,
  actorType: z.enum(ACTOR_TYPES),
  motivations: zMotivations.default([]),
  contributions: contributionsSchema.default({ expertise: [], targetGroups: [], resources: [] }),
  affiliationPartnerId: zId.nullable().optional(),
  description: zText.optional(),
  website: zWebsite.nullable().optional(),
};

/**
 * `POST …/partners` (coordinator): adds an `active` partner directly. `tier` defaults to broad.
 * `joinedAt` (not in the future; default now) imports an existing network with its history: the
 * network's time slider (`GET …/network?at=`) shows the partner from then on.
 */
export const createPartnerSchema = z.object({
  ...partnerProfileFields,
  tier: z.enum(TIERS).default('broad'),
  weight: zPartnerWeight.default(1),
  joinedAt: zInstant
    .refine((s) => Date.parse(s) <= Date.now(), {
      message: 'must not be in the future',
      params: { rule: 'not_in_future' },
    })
    .optional(),
});
export type CreatePartnerInput = z.input<typeof createPartnerSchema>;
export type CreatePartner = z.output<typeof createPartnerSchema>;

/** Fields a representative of the partner may change (a coordinator may change every field). */
export const PARTNER_PROFILE_FIELDS = [
  'name',
  'motivations',
  'contributions',
  'description',
  'website',
] as const;

/** `PATCH …/partners/:pid`: every field optional; status changes go through leave and proposals. */
export const updatePartnerSchema = z.object({
  kind: z.enum(PARTNER_KINDS).optional(),
  name: zName.optional(),
  actorType: z.enum(ACTOR_TYPES).optional(),
  tier: z.enum(TIERS).optional(),
  weight: zPartnerWeight.optional(),
  motivations: zMotivations.optional(),
  contributions: contributionsSchema.optional(),
  affiliationPartnerId: zId.nullable().optional(),
  description: zText.optional(),
  website: zWebsite.nullable().optional(),
});
export type UpdatePartnerInput = z.input<typeof updatePartnerSchema>;
export type UpdatePartner = z.output<typeof updatePartnerSchema>;

/** `POST …/partners/:pid/leave`. */
export const leavePartnerSchema = z.object({
  reason: zText.trim().min(1, 'must not be empty'),
});
export type LeavePartnerInput = z.infer<typeof leavePartnerSchema>;

/** `GET …/partners?tier=&status=&actorType=&kind=` (all statuses unless filtered). */
export const partnerListQuerySchema = paginationQuerySchema.extend({
  tier: z.enum(TIERS).optional(),
  status: z.enum(PARTNER_STATUSES).optional(),
  actorType: z.enum(ACTOR_TYPES).optional(),
  kind: z.enum(PARTNER_KINDS).optional(),
});
export type PartnerListQuery = z.infer<typeof partnerListQuerySchema>;

export interface PartnerDto {
  id: string;
  workspaceId: string;
  kind: PartnerKind;
  name: string;
  actorType: ActorType;
  tier: Tier;
  status: PartnerStatus;
  weight: number;
  motivations: Motivation[];
  contributions: Contributions;
  affiliationPartnerId: string | null;
  description: string;
  website: string | null;
  joinedAt: string | null;
  leftAt: string | null;
  leftReason: string | null;
  createdAt: string;
  updatedAt: string;
  /**
   * The members who represent this partner (`member.partnerId`), by display name. Several members
   * may represent one partner; an empty list means nobody can vote or answer for it.
   */
  representatives: PartnerRepresentativeSummaryDto[];
  /** The partner's standing vote delegation (null: none). */
  delegation: PartnerDelegationDto | null;
}

/**
 * A partner's standing delegation: when it has no vote of its own on a proposal, the vote of
 * `toPartnerId` counts for it (one level only: the delegate's own delegation is not followed).
 */
export interface PartnerDelegationDto {
  toPartnerId: string;
  setBy: string;
  setAt: string;
}

/** `PUT …/partners/:pid/delegation`. */
export const delegationInputSchema = z.object({ toPartnerId: zId });
export type DelegationInput = z.infer<typeof delegationInputSchema>;

/** A representative as partner lists show it. */
export interface PartnerRepresentativeSummaryDto {
  userId: string;
  displayName: string;
}

/** A member who represents the partner (`member.partnerId`), with their role (detail view). */
export interface PartnerRepresentativeDto extends PartnerRepresentativeSummaryDto {
  role: Role;
  broker: boolean;
}

/** `GET …/partners/:pid`: the partner, its representatives and its history (newest first). */
export interface PartnerDetailDto extends PartnerDto {
  representatives: PartnerRepresentativeDto[];
  /** The latest events involving this partner (up to 50); page on with `activity?partnerId=`. */
  history: ActivityEventDto[];
}
