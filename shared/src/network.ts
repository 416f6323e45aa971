import { z } from 'zod';
import type { ActorType, PartnerKind, Tier } from './domain.js';
import { LIMITS } from './limits.js';
import { zInstant } from './schemas.js';

/** `GET …/network?at=`: the network as it stood at `at` (ISO date or date-time; default now). */
export const networkQuerySchema = z.object({
  at: zInstant.optional(),
});
export type NetworkQuery = z.infer<typeof networkQuerySchema>;

/** `GET …/network/suggestions?limit=` (brokers and coordinators). */
export const suggestionsQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int('must be an integer')
    .min(LIMITS.pageMin)
    .max(LIMITS.pageMax)
    .default(LIMITS.pageDefault),
});
export type SuggestionsQuery = z.infer<typeof suggestionsQuerySchema>;

export type NetworkEdgeKind = 'connection' | 'experiment';

export interface NetworkNodeDto {
  id: string;
  name: string;
  kind: PartnerKind;
  tier: Tier;
  actorType: ActorType;
  metrics: { degree: number; betweenness: number };
}

export interface NetworkEdgeDto {
  source: string;
  target: string;
  kinds: NetworkEdgeKind[];
  /** Number of ties: one per accepted connection, one per shared experiment. */
  weight: number;
}

export interface NetworkDto {
  nodes: NetworkNodeDto[];
  edges: NetworkEdgeDto[];
  metrics: {
    nodes: number;
    edges: number;
    byTier: Record<Tier, number>;
    byActorType: Record<ActorType, number>;
    density: number;
    diversity: number;
    activeShare: number;
  };
}

export const SUGGESTION_KINDS = ['expertise_match', 'shared_target_group', 'isolated'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export interface BrokerSuggestionDto {
  fromPartnerId: string;
  toPartnerId: string;
  kind: SuggestionKind;
  score: number;
  /** A code with params for the client to phrase in its language. */
  reason: { code: string; params: Record<string, unknown> };
  /** The same in English. */
  text: string;
}
