import { z } from 'zod';
import { BARRIERS, EXPERIMENT_STATUSES, type Barrier, type ExperimentStatus } from './domain.js';
import { LIMITS } from './limits.js';
import {
  distinct,
  paginationQuerySchema,
  zArray,
  zCalendarDate,
  zId,
  zName,
  zText,
} from './schemas.js';

const HTTP_URL = /^https?:\/\/\S+$/i;

/** An http(s) URL (evidence of a learning): no `javascript:`, `mailto:` or relative links. */
export const zHttpUrl = z
  .string()
  .trim()
  .max(LIMITS.nameMax * 10)
  // One check, one message per field, with a rule the client can phrase in its language.
  .refine((s) => HTTP_URL.test(s) && URL.canParse(s), {
    message: 'must be an http(s) URL',
    params: { rule: 'web_address' },
  });

const zTags = zArray(zName).transform(distinct);
const zIds = zArray(zId).transform(distinct);

/**
 * Cross-field rules of an experiment, applied to the create body here and to the merged state of
 * a PATCH by the server: the lead is one of the partners; the end is not before the start.
 */
export function experimentShapeIssues(e: {
  leadPartnerId?: string | null;
  partnerIds?: string[];
  startDate?: string | null;
  endDate?: string | null;
}): { path: string[]; message: string; params: { rule: string } }[] {
  const issues: { path: string[]; message: string; params: { rule: string } }[] = [];
  if (e.leadPartnerId && !(e.partnerIds ?? []).includes(e.leadPartnerId)) {
    issues.push({
      path: ['leadPartnerId'],
      message: 'must be one of partnerIds',
      params: { rule: 'lead_not_involved' },
    });
  }
  if (e.startDate && e.endDate && e.endDate < e.startDate) {
    issues.push({
      path: ['endDate'],
      message: 'must not be before startDate',
      params: { rule: 'end_before_start' },
    });
  }
  return issues;
}

const experimentFields = {
  title: zName,
  hypothesis: zText,
  description: zText,
  status: z.enum(EXPERIMENT_STATUSES),
  leadPartnerId: zId.nullable(),
  partnerIds: zIds,
  targetGroups: zTags,
  barriers: zArray(z.enum(BARRIERS)).transform(distinct),
  principleIds: zIds,
  neededExpertise: zTags,
  startDate: zCalendarDate.nullable(),
  endDate: zCalendarDate.nullable(),
};

/** `POST …/experiments`: only `title` is required; `status` defaults to `idea`. */
export const createExperimentSchema = z
  .object({
    title: experimentFields.title,
    hypothesis: experimentFields.hypothesis.default(''),
    description: experimentFields.description.default(''),
    status: experimentFields.status.default('idea'),
    leadPartnerId: experimentFields.leadPartnerId.optional(),
    partnerIds: experimentFields.partnerIds.default([]),
    targetGroups: experimentFields.targetGroups.default([]),
    barriers: experimentFields.barriers.default([]),
    principleIds: experimentFields.principleIds.default([]),
    neededExpertise: experimentFields.neededExpertise.default([]),
    startDate: experimentFields.startDate.optional(),
    endDate: experimentFields.endDate.optional(),
  })
  .superRefine((e, ctx) => {
    for (const issue of experimentShapeIssues(e)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type CreateExperimentInput = z.input<typeof createExperimentSchema>;
export type CreateExperiment = z.output<typeof createExperimentSchema>;

/**
 * `PATCH …/experiments/:eid`: any field; `status` may move to any status (the board lets you
 * drag anywhere). The cross-field rules are checked against the experiment as it would become.
 */
export const updateExperimentSchema = z.object({
  title: experimentFields.title.optional(),
  hypothesis: experimentFields.hypothesis.optional(),
  description: experimentFields.description.optional(),
  status: experimentFields.status.optional(),
  leadPartnerId: experimentFields.leadPartnerId.optional(),
  partnerIds: experimentFields.partnerIds.optional(),
  targetGroups: experimentFields.targetGroups.optional(),
  barriers: experimentFields.barriers.optional(),
  principleIds: experimentFields.principleIds.optional(),
  neededExpertise: experimentFields.neededExpertise.optional(),
  startDate: experimentFields.startDate.optional(),
  endDate: experimentFields.endDate.optional(),
});
export type UpdateExperimentInput = z.input<typeof updateExperimentSchema>;
export type UpdateExperiment = z.output<typeof updateExperimentSchema>;

/** `POST …/experiments/:eid/learnings`. */
export const createLearningSchema = z.object({
  text: zText.trim().min(1, 'must not be empty'),
  evidenceUrl: zHttpUrl.nullable().optional(),
});
export type CreateLearningInput = z.input<typeof createLearningSchema>;
export type CreateLearning = z.output<typeof createLearningSchema>;

/** `GET …/experiments?status=&partnerId=` (newest first). */
export const experimentListQuerySchema = paginationQuerySchema.extend({
  status: z.enum(EXPERIMENT_STATUSES).optional(),
  partnerId: zId.optional(),
});
export type ExperimentListQuery = z.infer<typeof experimentListQuerySchema>;

export interface LearningDto {
  id: string;
  text: string;
  evidenceUrl: string | null;
  authorId: string;
  createdAt: string;
}

export interface ExperimentDto {
  id: string;
  workspaceId: string;
  title: string;
  hypothesis: string;
  description: string;
  status: ExperimentStatus;
  leadPartnerId: string | null;
  partnerIds: string[];
  targetGroups: string[];
  barriers: Barrier[];
  principleIds: string[];
  neededExpertise: string[];
  /** `YYYY-MM-DD`. */
  startDate: string | null;
  endDate: string | null;
  /** Newest first. */
  learnings: LearningDto[];
  createdBy: string | null;
  createdAt: string;
  /** The last change of any kind, a learning included. */
  updatedAt: string;
  statusChangedAt: string;
}
