/**
 * Broker suggestions: whom to bring together, derived from what the network already records.
 * Three sources, in the spirit of the brief ("missing expertise or target groups tell whom to look
 * for next"; brokers bridge domains):
 *   expertise_match     a partner outside an experiment offers what it needs → meet its lead
 *   shared_target_group two partners reach the same target group but have no tie at all
 *   isolated            a partner with at most one tie → meet a well-connected partner of another actor type
 * Each reason is a code with params for the client to phrase in nl or en, plus English text.
 */
import { type ActorType, type ConnectionStatus, type ExperimentStatus } from '@coalesce/shared';
import { centrality, compareIds, mergeTies, pairKey } from './network.metrics.util';

export interface SuggestionPartner {
  id: string;
  name: string;
  actorType: ActorType;
  contributions: { expertise: string[]; targetGroups: string[] };
}

export interface SuggestionExperiment {
  id: string;
  title: string;
  status: ExperimentStatus;
  leadPartnerId: string | null;
  partnerIds: string[];
  neededExpertise: string[];
  targetGroups: string[];
}

export interface SuggestionConnection {
  fromPartnerId: string;
  toPartnerId: string;
  status: ConnectionStatus;
}

export interface SuggestionInput {
  /** Active partners only. */
  partners: SuggestionPartner[];
  experiments: SuggestionExperiment[];
  /** All connections of the workspace, any status. */
  connections: SuggestionConnection[];
}

export type SuggestionKind = 'expertise_match' | 'shared_target_group' | 'isolated';

export type SuggestionReason =
  | {
      code: 'experiment_needs_expertise' | 'experiment_reaches_target_group';
      params: {
        experimentId: string;
        experimentTitle: string;
        /** Needed expertise the partner offers, as the experiment spells it. */
        expertise: string[];
        /** Experiment target groups the partner also reaches, as the experiment spells them. */
        targetGroups: string[];
        /** Whether the other side is the experiment's lead or, without a lead, its first partner. */
        contact: 'lead' | 'first_partner';
      };
    }
  | { code: 'shared_target_group'; params: { targetGroups: string[] } }
  | {
      code: 'isolated' | 'peripheral';
      params: {
        degree: number;
        actorType: ActorType;
        hubDegree: number;
        hubBetweenness: number;
        hubActorType: ActorType;
      };
    };

export interface BrokerSuggestion {
  fromPartnerId: string;
  toPartnerId: string;
  kind: SuggestionKind;
  score: number;
  reason: SuggestionReason;
  text: string;
}

/**
 * Scores put a concrete need of a running effort first, then partners left out of the network,
 * then shared audiences; within a kind, more overlap ranks higher.
 */
export const SCORE = {
  expertiseBase: 4,
  perExpertise: 3,
  perTargetGroup: 1,
  isolated: 5,
  peripheral: 3,
  sharedTargetGroupBase: 1,
  perSharedTargetGroup: 1,
} as const;

/**
 * How many suggestions each experiment and each partner may produce. Broad tags ("seniors") are
 * common: without a cap, a large network yields thousands of near-identical hints (and takes
 * hundreds of milliseconds to rank them); the best few per experiment or partner are what a
 * broker can act on.
 */
export const MATCHES_PER_EXPERIMENT = 5;
export const SHARED_AUDIENCE_PER_PARTNER = 3;

interface Ranked<T> {
  item: T;
  score: number;
}

/** Keeps `top` sorted by score (desc; equal scores in arrival order) and at most `size` long. */
function pushTop<T>(top: Ranked<T>[], item: T, score: number, size: number): void {
  if (top.length === size && score <= top.at(-1)!.score) return;
  let at = top.length;
  while (at > 0 && top[at - 1]!.score < score) at--;
  top.splice(at, 0, { item, score });
  if (top.length > size) top.pop();
}

/** Experiments that still look for people; finished ones need no one. */
const SEEKING: readonly ExperimentStatus[] = ['idea', 'preparing', 'running', 'evaluating'];

/** Free-text tags match case-insensitively and regardless of spacing or Unicode composition. */
export const normaliseTag = (tag: string): string =>
  tag.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** Normalised tag → its first spelling; built once per partner and experiment, not per pair. */
type TagIndex = Map<string, string>;

function indexTags(tags: string[]): TagIndex {
  const index: TagIndex = new Map();
  for (const tag of tags) {
    const key = normaliseTag(tag);
    if (key !== '' && !index.has(key)) index.set(key, tag.trim());
  }
  return index;
}

/** Tags of `wanted` (in its spelling and order) that `offered` also has. */
function overlap(wanted: TagIndex, offered: TagIndex): string[] {
  const result: string[] = [];
  for (const [key, spelling] of wanted) if (offered.has(key)) result.push(spelling);
  return result;
}

function countShared(a: TagIndex, b: TagIndex): number {
  let count = 0;
  for (const key of a.keys()) if (b.has(key)) count++;
  return count;
}

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

const humanActorType = (t: ActorType): string => t.replace(/_/g, ' ');

interface Candidate extends Omit<BrokerSuggestion, 'reason' | 'text'> {
  describe: () => Pick<BrokerSuggestion, 'reason' | 'text'>;
}

export function suggestConnections(
  input: SuggestionInput,
  options: { limit?: number } = {},
): BrokerSuggestion[] {
  const partners = [...new Map(input.partners.map((p) => [p.id, p])).values()].sort((a, b) =>
    compareIds(a.id, b.id),
  );
  const byId = new Map(partners.map((p) => [p.id, p]));
  const expertiseOf = new Map(partners.map((p) => [p.id, indexTags(p.contributions.expertise)]));
  const audienceOf = new Map(partners.map((p) => [p.id, indexTags(p.contributions.targetGroups)]));
  const present = new Set(byId.keys());

  // Pairs a broker should leave alone: already connected, being connected, or having said no.
  const settled = new Set<string>();
  for (const c of input.connections) settled.add(pairKey(c.fromPartnerId, c.toPartnerId));

  const ties = mergeTies(
    present,
    input.connections.filter((c) => c.status === 'accepted'),
    input.experiments,
  );
  const tied = new Set(ties.map((e) => pairKey(e.source, e.target)));
  const metrics = centrality(
    partners.map((p) => p.id),
    ties,
  );

  // One suggestion per pair: the strongest reason wins. Reason and text are built only for the
  // suggestions returned, after ranking and the limit.
  const best = new Map<string, Candidate>();
  const offer = (c: Candidate) => {
    if (c.fromPartnerId === c.toPartnerId) return;
    const key = pairKey(c.fromPartnerId, c.toPartnerId);
    if (settled.has(key)) return;
    const current = best.get(key);
    if (!current || c.score > current.score) best.set(key, c);
  };

  // (a) A partner outside an experiment offers its needed expertise or reaches its target groups.
  for (const experiment of [...input.experiments].sort((a, b) => compareIds(a.id, b.id))) {
    if (!SEEKING.includes(experiment.status)) continue;
    const members = experiment.partnerIds.filter((id) => present.has(id));
    const lead =
      experiment.leadPartnerId !== null && present.has(experiment.leadPartnerId)
        ? experiment.leadPartnerId
        : null;
    const contactId = lead ?? members[0];
    if (contactId === undefined) continue;
    const contact = byId.get(contactId)!;
    const inside = new Set(members);
    const needed = indexTags(experiment.neededExpertise);
    const audience = indexTags(experiment.targetGroups);
    const top: Ranked<SuggestionPartner>[] = [];
    for (const partner of partners) {
      if (inside.has(partner.id)) continue;
      const score =
        SCORE.perExpertise * countShared(needed, expertiseOf.get(partner.id)!) +
        SCORE.perTargetGroup * countShared(audience, audienceOf.get(partner.id)!);
      // A settled pair must not take one of the experiment's places.
      if (score === 0 || settled.has(pairKey(partner.id, contact.id))) continue;
      pushTop(top, partner, score, MATCHES_PER_EXPERIMENT);
    }
    for (const { item: partner } of top) {
      const expertise = overlap(needed, expertiseOf.get(partner.id)!);
      const targetGroups = overlap(audience, audienceOf.get(partner.id)!);
      offer({
        fromPartnerId: partner.id,
        toPartnerId: contact.id,
        kind: 'expertise_match',
        score:
          SCORE.expertiseBase +
          SCORE.perExpertise * expertise.length +
          SCORE.perTargetGroup * targetGroups.length,
        describe: () => {
          const offers = [
            ...(expertise.length > 0 ? [`the ${list(expertise)} expertise`] : []),
            ...(targetGroups.length > 0 ? [`access to ${list(targetGroups)}`] : []),
          ];
          return {
            reason: {
              code:
                expertise.length > 0
                  ? 'experiment_needs_expertise'
                  : 'experiment_reaches_target_group',
              params: {
                experimentId: experiment.id,
                experimentTitle: experiment.title,
                expertise,
                targetGroups,
                contact: lead ? 'lead' : 'first_partner',
              },
            },
            text:
              `${partner.name} offers ${offers.join(' and ')} that the experiment ` +
              `"${experiment.title}" needs; connect them with ${contact.name}, ` +
              `${lead ? 'its lead' : 'one of its partners'}.`,
          };
        },
      });
    }
  }

  // (b) Same audience, no tie at all (no connection in any state, no shared experiment). Only the
  // few best per partner: in a large network with broad target groups nearly every pair shares
  // one, and thousands of "you both reach teenagers" hints would bury the useful ones.
  for (const a of partners) {
    const audienceA = audienceOf.get(a.id)!;
    if (audienceA.size === 0) continue;
    const top: Ranked<SuggestionPartner>[] = [];
    for (const b of partners) {
      if (b.id === a.id) continue;
      const count = countShared(audienceA, audienceOf.get(b.id)!);
      if (count === 0) continue;
      if (top.length === SHARED_AUDIENCE_PER_PARTNER && count <= top.at(-1)!.score) continue;
      const key = pairKey(a.id, b.id);
      if (tied.has(key) || settled.has(key)) continue;
      pushTop(top, b, count, SHARED_AUDIENCE_PER_PARTNER);
    }
    for (const { item: b } of top) {
      const [from, to] = a.id < b.id ? [a, b] : [b, a];
      const shared = overlap(audienceOf.get(from.id)!, audienceOf.get(to.id)!);
      offer({
        fromPartnerId: from.id,
        toPartnerId: to.id,
        kind: 'shared_target_group',
        score: SCORE.sharedTargetGroupBase + SCORE.perSharedTargetGroup * shared.length,
        describe: () => ({
          reason: { code: 'shared_target_group', params: { targetGroups: shared } },
          text: `${from.name} and ${to.name} both reach ${list(shared)} but have no tie yet.`,
        }),
      });
    }
  }

  // (c) Isolated (no tie) or peripheral (one tie) → the best-connected partner of another type
  // that is not already a neighbour; betweenness breaks degree ties, as brokers bridge groups.
  for (const partner of partners) {
    const own = metrics.get(partner.id)!;
    if (own.degree > 1) continue;
    let hub: SuggestionPartner | undefined;
    for (const candidate of partners) {
      if (candidate.id === partner.id || candidate.actorType === partner.actorType) continue;
      const key = pairKey(partner.id, candidate.id);
      if (tied.has(key) || settled.has(key)) continue;
      const m = metrics.get(candidate.id)!;
      if (m.degree < 2) continue;
      if (!hub) {
        hub = candidate;
        continue;
      }
      const h = metrics.get(hub.id)!;
      if (m.degree > h.degree || (m.degree === h.degree && m.betweenness > h.betweenness)) {
        hub = candidate;
      }
    }
    if (!hub) continue;
    const h = metrics.get(hub.id)!;
    const isolated = own.degree === 0;
    offer({
      fromPartnerId: partner.id,
      toPartnerId: hub.id,
      kind: 'isolated',
      score: isolated ? SCORE.isolated : SCORE.peripheral,
      describe: () => ({
        reason: {
          code: isolated ? 'isolated' : 'peripheral',
          params: {
            degree: own.degree,
            actorType: partner.actorType,
            hubDegree: h.degree,
            hubBetweenness: h.betweenness,
            hubActorType: hub.actorType,
          },
        },
        text:
          `${partner.name} has ${isolated ? 'no ties' : 'only one tie'} in the network; ` +
          `${hub.name} (${humanActorType(hub.actorType)}) is tied to ${h.degree} partners.`,
      }),
    });
  }

  const ranked = [...best.values()].sort(
    (x, y) =>
      y.score - x.score ||
      compareIds(x.fromPartnerId, y.fromPartnerId) ||
      compareIds(x.toPartnerId, y.toPartnerId),
  );
  const shown = options.limit === undefined ? ranked : ranked.slice(0, Math.max(0, options.limit));
  return shown.map(({ describe, ...suggestion }) => ({ ...suggestion, ...describe() }));
}
