import {
  STAGES,
  STAGE_STATEMENTS,
  SURVEY_MIN_RATERS,
  TIE_LEVELS,
  type PerceivedTieDto,
  type RatedScore,
  type Stage,
  type StageProfileDto,
  type SurveyNetworkScores,
  type SurveyTie,
  type TieLevel,
} from '@coalesce/shared';

/*
 * The survey's scores, as pure functions over a wave's roster and responses. Every score rests
 * on at least SURVEY_MIN_RATERS partners or is null: with fewer, an "aggregate" would show one or
 * two partners' individual answers to everyone.
 */

export interface RosterEntry {
  partnerId: string;
  name: string;
}

export interface ResponseInput {
  partnerId: string;
  ties: readonly SurveyTie[];
  stage: Readonly<Record<string, number>>;
}

const mean = (xs: readonly number[]): number | null =>
  xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;

/** Rounded for display and comparison (3 decimals), so 2.6666… reads 2.667 everywhere. */
const round = (x: number | null): number | null =>
  x === null ? null : Math.round(x * 1000) / 1000;

const rated = (values: readonly number[], raters: number): RatedScore => ({
  value: raters >= SURVEY_MIN_RATERS ? round(mean(values)) : null,
  raters,
});

/** A tie's trust: the mean of reliability, support of the mission and openness (1–4). */
export const tieTrust = (t: SurveyTie): number | null =>
  t.worksWith && t.trust
    ? (t.trust.reliability + t.trust.missionSupport + t.trust.openness) / 3
    : null;

/** A tie's value: the mean of power/influence, involvement and resource contribution (1–4). */
export const tieValue = (t: SurveyTie): number | null =>
  t.worksWith && t.value
    ? (t.value.influence + t.value.involvement + t.value.resourceContribution) / 3
    : null;

/**
 * The answers that count: responses of roster partners, each tie to ANOTHER roster partner
 * (a partner that left or a self-rating is ignored).
 */
function usable(roster: readonly RosterEntry[], responses: readonly ResponseInput[]) {
  const onRoster = new Set(roster.map((r) => r.partnerId));
  return responses
    .filter((r) => onRoster.has(r.partnerId))
    .map((r) => ({
      ...r,
      ties: r.ties.filter((t) => t.partnerId !== r.partnerId && onRoster.has(t.partnerId)),
    }));
}

/** Per partner: the mean trust and value the OTHER partners gave it, by how many raters. */
export function partnerScores(
  roster: readonly RosterEntry[],
  responses: readonly ResponseInput[],
): { partnerId: string; name: string; trust: RatedScore; value: RatedScore }[] {
  const answers = usable(roster, responses);
  return roster.map(({ partnerId, name }) => {
    const trust: number[] = [];
    const value: number[] = [];
    for (const r of answers) {
      const tie = r.ties.find((t) => t.partnerId === partnerId);
      if (!tie) continue;
      const tr = tieTrust(tie);
      const va = tieValue(tie);
      if (tr !== null) trust.push(tr);
      if (va !== null) value.push(va);
    }
    return {
      partnerId,
      name,
      trust: rated(trust, trust.length),
      value: rated(value, value.length),
    };
  });
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Network scores of one wave; all null when fewer than SURVEY_MIN_RATERS partners answered. */
export function networkScores(
  roster: readonly RosterEntry[],
  responses: readonly ResponseInput[],
): SurveyNetworkScores {
  const answers = usable(roster, responses);
  const n = roster.length;
  const respondents = answers.length;
  const base = { respondents, rosterSize: n };
  if (respondents < SURVEY_MIN_RATERS) {
    return { ...base, density: null, reciprocity: null, trust: null, value: null };
  }
  const reported = new Map<string, Set<string>>(); // pair → partners reporting the tie
  const trust: number[] = [];
  const value: number[] = [];
  for (const r of answers) {
    for (const t of r.ties) {
      if (!t.worksWith) continue;
      const key = pairKey(r.partnerId, t.partnerId);
      reported.set(key, (reported.get(key) ?? new Set()).add(r.partnerId));
      const tr = tieTrust(t);
      const va = tieValue(t);
      if (tr !== null) trust.push(tr);
      if (va !== null) value.push(va);
    }
  }
  const answered = new Set(answers.map((r) => r.partnerId));
  let mutualCandidates = 0;
  let mutual = 0;
  for (const [key, by] of reported) {
    const [a, b] = key.split('|') as [string, string];
    if (!answered.has(a) || !answered.has(b)) continue;
    mutualCandidates++;
    if (by.size === 2) mutual++;
  }
  const pairs = (n * (n - 1)) / 2;
  return {
    ...base,
    density: pairs ? round(reported.size / pairs) : null,
    reciprocity: mutualCandidates ? round(mutual / mutualCandidates) : null,
    trust: round(mean(trust)),
    value: round(mean(value)),
  };
}

/**
 * Per stage: each partner's mean over the stage's statements it rated, then the mean over those
 * partners (null below SURVEY_MIN_RATERS). `strongest` is the stage with the highest shown mean.
 */
export function stageProfile(
  roster: readonly RosterEntry[],
  responses: readonly ResponseInput[],
): StageProfileDto {
  const answers = usable(roster, responses);
  const byStage = {} as Record<Stage, RatedScore>;
  for (const stage of STAGES) {
    const perPartner = answers
      .map((r) =>
        mean(
          STAGE_STATEMENTS[stage]
            .map((id) => r.stage[id])
            .filter((x): x is number => typeof x === 'number'),
        ),
      )
      .filter((x): x is number => x !== null);
    byStage[stage] = rated(perPartner, perPartner.length);
  }
  let strongest: Stage | null = null;
  for (const stage of STAGES) {
    const v = byStage[stage].value;
    if (v !== null && (strongest === null || v > byStage[strongest].value!)) strongest = stage;
  }
  return { byStage, strongest };
}

/** Change of each network score since the previous wave (null where either is null). */
export function scoreChange(
  current: SurveyNetworkScores,
  previous: SurveyNetworkScores,
): {
  density: number | null;
  reciprocity: number | null;
  trust: number | null;
  value: number | null;
} {
  const d = (a: number | null, b: number | null) =>
    a === null || b === null ? null : round(a - b);
  return {
    density: d(current.density, previous.density),
    reciprocity: d(current.reciprocity, previous.reciprocity),
    trust: d(current.trust, previous.trust),
    value: d(current.value, previous.value),
  };
}

/**
 * The perceived ties of a wave: one undirected tie per pair that at least one side reports
 * working with, at the closest level either reports. Only the level and whether both sides
 * report it are shown: never a single partner's trust or value ratings.
 */
export function perceivedTies(
  roster: readonly RosterEntry[],
  responses: readonly ResponseInput[],
): PerceivedTieDto[] {
  const ties = new Map<string, { level: TieLevel; by: Set<string> }>();
  for (const r of usable(roster, responses)) {
    for (const t of r.ties) {
      if (!t.worksWith || !t.level) continue;
      const key = pairKey(r.partnerId, t.partnerId);
      const had = ties.get(key);
      const level =
        had && TIE_LEVELS.indexOf(had.level) > TIE_LEVELS.indexOf(t.level) ? had.level : t.level;
      ties.set(key, { level, by: (had?.by ?? new Set()).add(r.partnerId) });
    }
  }
  return [...ties]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, t]) => {
      const [source, target] = key.split('|') as [string, string];
      return { source, target, level: t.level, reciprocal: t.by.size === 2 };
    });
}

/**
 * Where the logged ties (accepted connections, shared experiments) and the perceived ones
 * disagree: a pair rated as collaborating without a shared experiment, and a logged connection
 * that both partners answered about and neither reports working with ("no one values it").
 */
export function tieDifferences(
  logged: readonly { source: string; target: string; kinds: readonly string[] }[],
  perceived: readonly PerceivedTieDto[],
  respondents: ReadonlySet<string>,
): {
  source: string;
  target: string;
  kind: 'collaborating_without_experiment' | 'connection_not_valued';
}[] {
  const loggedByPair = new Map(logged.map((e) => [pairKey(e.source, e.target), e]));
  const perceivedByPair = new Map(perceived.map((e) => [pairKey(e.source, e.target), e]));
  const out: ReturnType<typeof tieDifferences> = [];
  for (const [key, p] of perceivedByPair) {
    if (p.level === 'collaboration' && !loggedByPair.get(key)?.kinds.includes('experiment')) {
      const [source, target] = key.split('|') as [string, string];
      out.push({ source, target, kind: 'collaborating_without_experiment' });
    }
  }
  for (const [key, e] of loggedByPair) {
    const [source, target] = key.split('|') as [string, string];
    if (
      e.kinds.includes('connection') &&
      respondents.has(source) &&
      respondents.has(target) &&
      !perceivedByPair.has(key)
    ) {
      out.push({ source, target, kind: 'connection_not_valued' });
    }
  }
  return out.sort((a, b) => pairKey(a.source, a.target).localeCompare(pairKey(b.source, b.target)));
}
