import { z } from 'zod';
import { STAGES, type Stage } from './domain.js';
import { paginationQuerySchema, zArray, zId, zInstant, zName } from './schemas.js';

/*
 * Research instruments: relationship survey waves (after the PARTNER tool for community
 * coalitions) and the stage self-assessment (the four development stages of the brief).
 */

/** How closely two partners work together, from loosest to closest (PARTNER's levels). */
export const TIE_LEVELS = ['awareness', 'cooperation', 'coordination', 'collaboration'] as const;
export type TieLevel = (typeof TIE_LEVELS)[number];

/** The three trust items and the three value items, each rated 1–4. */
export const TRUST_ITEMS = ['reliability', 'missionSupport', 'openness'] as const;
export type TrustItem = (typeof TRUST_ITEMS)[number];
export const VALUE_ITEMS = ['influence', 'involvement', 'resourceContribution'] as const;
export type ValueItem = (typeof VALUE_ITEMS)[number];

/** What a partner brings, as the brief lists it. */
export const SURVEY_CONTRIBUTIONS = ['expertise', 'target_group', 'resources', 'capacity'] as const;
export type SurveyContribution = (typeof SURVEY_CONTRIBUTIONS)[number];

/**
 * Short statements per development stage, drawn from the brief's stage descriptions; each
 * partner rates how well each describes the network now (1 = not at all … 4 = fully). The
 * wording lives in the client's catalogues (nl, en) under these ids.
 */
export const STAGE_STATEMENTS: Record<Stage, readonly string[]> = {
  hypothesis_vision: ['vision_forming', 'creative_dynamics', 'core_partnership_forming'],
  catalysing_initiating: [
    'new_partners_identified',
    'roles_discussed',
    'vision_meets_reality',
    'funding_organisation',
  ],
  dynamic_experimentation: ['experiments_evidence', 'diverse_partners', 'loose_governance'],
  mainstreaming_sustaining: ['sustainable_funding', 'embedded_in_system', 'innovation_at_risk'],
};
export const STAGE_STATEMENT_IDS = STAGES.flatMap((s) => STAGE_STATEMENTS[s]);

/** Scores are shown only when at least this many partners gave them (privacy and reliability). */
export const SURVEY_MIN_RATERS = 3;

const zRating = z
  .number()
  .int('must be a whole number from 1 to 4')
  .min(1, 'must be from 1 to 4')
  .max(4, 'must be from 1 to 4');

/** One respondent's view of one other partner. */
export const surveyTieSchema = z
  .object({
    partnerId: zId.transform((s) => s.toLowerCase()),
    worksWith: z.boolean(),
    level: z.enum(TIE_LEVELS).optional(),
    trust: z
      .object({ reliability: zRating, missionSupport: zRating, openness: zRating })
      .optional(),
    value: z
      .object({ influence: zRating, involvement: zRating, resourceContribution: zRating })
      .optional(),
    contributions: zArray(z.enum(SURVEY_CONTRIBUTIONS))
      .transform((c) => [...new Set(c)])
      .optional(),
  })
  .superRefine((t, ctx) => {
    if (!t.worksWith) return;
    for (const key of ['level', 'trust', 'value'] as const) {
      if (t[key] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is required when the partners work together',
          params: { rule: 'survey_tie_incomplete' },
        });
      }
    }
  });
export type SurveyTieInput = z.input<typeof surveyTieSchema>;
export type SurveyTie = z.output<typeof surveyTieSchema>;

/**
 * `PUT …/surveys/:sid/responses/:partnerId`: a partner's whole answer (submitting again
 * replaces it). `ties` names other partners of the wave's roster, each at most once;
 * `stage` rates any of the stage statements.
 */
export const submitSurveyResponseSchema = z
  .object({
    ties: zArray(surveyTieSchema).default([]),
    stage: z
      .record(z.string(), zRating)
      .default({})
      .superRefine((r, ctx) => {
        for (const key of Object.keys(r)) {
          if (!STAGE_STATEMENT_IDS.includes(key)) {
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: 'is not a stage statement',
              params: { rule: 'stage_statement' },
            });
          }
        }
      }),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.ties.forEach((t, i) => {
      if (seen.has(t.partnerId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ties', i, 'partnerId'],
          message: 'is named twice',
          params: { rule: 'survey_tie_duplicate' },
        });
      }
      seen.add(t.partnerId);
    });
  });
export type SubmitSurveyResponseInput = z.input<typeof submitSurveyResponseSchema>;
export type SubmitSurveyResponse = z.output<typeof submitSurveyResponseSchema>;

/** `POST …/surveys` (coordinators): a wave; `opensAt` defaults to now. */
export const createSurveyWaveSchema = z
  .object({
    title: zName,
    opensAt: zInstant.optional(),
    closesAt: zInstant,
  })
  .refine((w) => !w.opensAt || w.opensAt < w.closesAt, {
    path: ['closesAt'],
    message: 'must be after opensAt',
    params: { rule: 'survey_closes_after_opens' },
  });
export type CreateSurveyWaveInput = z.input<typeof createSurveyWaveSchema>;
export type CreateSurveyWave = z.output<typeof createSurveyWaveSchema>;

export const surveyListQuerySchema = paginationQuerySchema;
export type SurveyListQuery = z.infer<typeof surveyListQuerySchema>;

export const SURVEY_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export interface SurveyWaveDto {
  id: string;
  workspaceId: string;
  title: string;
  status: SurveyStatus;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  /** The workspace's declared stage when the wave opened (or now, while scheduled). */
  declaredStage: Stage;
  /** The partners asked to answer: active when the wave opened (empty while scheduled). */
  roster: { partnerId: string; name: string }[];
  /** How many partners answered. */
  responseCount: number;
  /** The partners that answered (names are public; what they answered is not). */
  respondedPartnerIds: string[];
}

export interface SurveyResponseDto {
  waveId: string;
  partnerId: string;
  ties: SurveyTie[];
  stage: Record<string, number>;
  submittedBy: string;
  submittedAt: string;
  updatedAt: string;
}

/** A score with the number of partners it rests on; `value` null below SURVEY_MIN_RATERS. */
export interface RatedScore {
  value: number | null;
  raters: number;
}

export interface SurveyNetworkScores {
  /** Respondents of the wave. */
  respondents: number;
  /** Partners on the roster. */
  rosterSize: number;
  /** Unordered pairs that at least one side reports working with, over all roster pairs. */
  density: number | null;
  /** Of pairs where both sides answered and at least one reports a tie: share both report. */
  reciprocity: number | null;
  /** Mean of the trust (value) scores over every reported tie (each the mean of its 3 items). */
  trust: number | null;
  value: number | null;
}

export interface SurveyPartnerScore {
  partnerId: string;
  name: string;
  /** The mean trust (value) others gave it; null when fewer than SURVEY_MIN_RATERS rated it. */
  trust: RatedScore;
  value: RatedScore;
}

export interface StageProfileDto {
  /** Per stage, the mean rating of its statements over the partners that rated any. */
  byStage: Record<Stage, RatedScore>;
  /** The stage with the highest mean (null when none can be shown). */
  strongest: Stage | null;
}

export interface SurveyScoresDto {
  wave: SurveyWaveDto;
  network: SurveyNetworkScores;
  partners: SurveyPartnerScore[];
  stageProfile: StageProfileDto;
  /** The previous wave (by opening) and the change of each network score since it. */
  previous: {
    waveId: string;
    title: string;
    change: {
      density: number | null;
      reciprocity: number | null;
      trust: number | null;
      value: number | null;
    };
  } | null;
}

/** `GET …/network/perceived?at=`: the survey layer of the map. */
export interface PerceivedTieDto {
  source: string;
  target: string;
  /** The closest level either side reported. */
  level: TieLevel;
  /** Both sides report working together. */
  reciprocal: boolean;
}

export const TIE_DIFFERENCES = [
  'collaborating_without_experiment',
  'connection_not_valued',
] as const;
export type TieDifference = (typeof TIE_DIFFERENCES)[number];

export interface PerceivedNetworkDto {
  /** The wave in force at `at` (the latest that opened by then), or null. */
  wave: Pick<SurveyWaveDto, 'id' | 'title' | 'opensAt' | 'closesAt' | 'status'> | null;
  edges: PerceivedTieDto[];
  /** Where logged and perceived ties disagree. */
  differences: { source: string; target: string; kind: TieDifference }[];
}

// Who may do what with surveys (the server enforces; the client offers only what is allowed).
type SurveyActor = { role: 'coordinator' | 'member' | 'observer'; partnerId: string | null };
/** Open and close waves. */
export const canManageSurveys = (m: Pick<SurveyActor, 'role'>): boolean => m.role === 'coordinator';
/** Answer for a partner: its representatives (members linked to it, not observers). */
export const canAnswerSurveyFor = (m: SurveyActor, partnerId: string): boolean =>
  m.role !== 'observer' && m.partnerId === partnerId;
/** Read one partner's individual answers: coordinators, and that partner's representatives. */
export const canReadSurveyResponse = (m: SurveyActor, partnerId: string): boolean =>
  m.role === 'coordinator' || canAnswerSurveyFor(m, partnerId);
/** Read every individual answer of a wave. */
export const canReadAllSurveyResponses = (m: Pick<SurveyActor, 'role'>): boolean =>
  m.role === 'coordinator';
