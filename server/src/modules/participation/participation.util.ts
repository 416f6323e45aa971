import type { ParticipationQuarterDto, PartnerParticipationDto } from '@coalesce/shared';

/** What the participation view counts, as the owning modules' services answer it. */
export interface ParticipationInput {
  partners: readonly { id: string; name: string }[];
  /** Which partner each user represents (its current link). */
  partnerOfUser: ReadonlyMap<string, string>;
  proposals: readonly { id: string; createdAt: Date; electorate: readonly string[] }[];
  votes: readonly { proposalId: string; partnerId: string }[];
  experiments: readonly { partnerIds: readonly string[]; at: Date }[];
  learnings: readonly { authorId: string; createdAt: Date }[];
  comments: readonly { authorId: string; createdAt: Date }[];
  waves: readonly { id: string; opensAt: Date; rosterPartnerIds: readonly string[] }[];
  respondents: readonly { waveId: string; partnerId: string }[];
}

type Counts = Omit<ParticipationQuarterDto, 'quarter'>;
const zero = (): Counts => ({
  votesPossible: 0,
  votesCast: 0,
  experiments: 0,
  learnings: 0,
  comments: 0,
  surveyResponses: 0,
  surveysAsked: 0,
});

/** `2026-Q1` for a moment, in UTC. */
export function quarterOf(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

/**
 * Per partner, per quarter: the proposals it could vote on and those it voted on (by the
 * proposal's opening), the experiments it takes part in (by start), the learnings and comments
 * of its representatives, and the waves it was asked and answered (by the wave's opening).
 * Partners come out alphabetically: the view says what each did, it never ranks them.
 */
export function participation(input: ParticipationInput): PartnerParticipationDto[] {
  const ids = new Set(input.partners.map((p) => p.id));
  const cells = new Map<string, Map<string, Counts>>();
  const bump = (partnerId: string | undefined, at: Date, key: keyof Counts) => {
    if (!partnerId || !ids.has(partnerId)) return;
    const byQuarter = cells.get(partnerId) ?? new Map<string, Counts>();
    cells.set(partnerId, byQuarter);
    const q = quarterOf(at);
    const c = byQuarter.get(q) ?? zero();
    byQuarter.set(q, c);
    c[key] += 1;
  };
  const voted = new Set(input.votes.map((v) => `${v.proposalId}:${v.partnerId}`));
  for (const p of input.proposals) {
    for (const pid of new Set(p.electorate)) {
      bump(pid, p.createdAt, 'votesPossible');
      if (voted.has(`${p.id}:${pid}`)) bump(pid, p.createdAt, 'votesCast');
    }
  }
  for (const e of input.experiments) {
    for (const pid of new Set(e.partnerIds)) bump(pid, e.at, 'experiments');
  }
  for (const l of input.learnings)
    bump(input.partnerOfUser.get(l.authorId), l.createdAt, 'learnings');
  for (const c of input.comments)
    bump(input.partnerOfUser.get(c.authorId), c.createdAt, 'comments');
  const answered = new Set(input.respondents.map((r) => `${r.waveId}:${r.partnerId}`));
  for (const w of input.waves) {
    for (const pid of new Set(w.rosterPartnerIds)) {
      bump(pid, w.opensAt, 'surveysAsked');
      if (answered.has(`${w.id}:${pid}`)) bump(pid, w.opensAt, 'surveyResponses');
    }
  }
  return [...input.partners]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((p) => {
      const byQuarter = cells.get(p.id) ?? new Map<string, Counts>();
      const quarters = [...byQuarter]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([quarter, c]) => ({ quarter, ...c }));
      const totals = zero();
      for (const q of quarters) {
        for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += q[k];
      }
      return { partnerId: p.id, name: p.name, totals, quarters };
    });
}
