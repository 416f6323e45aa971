import {
  TRUST_ITEMS,
  VALUE_ITEMS,
  type SubmitSurveyResponseInput,
  type SurveyContribution,
  type SurveyResponseDto,
  type TieLevel,
  type TrustItem,
  type ValueItem,
} from '@coalesce/shared';

/** What the form holds for one other partner; `worksWith` null: not answered (left out). */
export interface TieDraft {
  worksWith: boolean | null;
  level: TieLevel | '';
  ratings: Partial<Record<TrustItem | ValueItem, number>>;
  contributions: SurveyContribution[];
}

export interface AnswerDraft {
  ties: Record<string, TieDraft>;
  stage: Record<string, number>;
}

export const emptyTie = (): TieDraft => ({
  worksWith: null,
  level: '',
  ratings: {},
  contributions: [],
});

/** The form's starting point: the partner's earlier answer, or nothing answered. */
export function draftFrom(response: SurveyResponseDto | null | undefined): AnswerDraft {
  const ties: Record<string, TieDraft> = {};
  for (const t of response?.ties ?? []) {
    ties[t.partnerId] = {
      worksWith: t.worksWith,
      level: t.level ?? '',
      ratings: { ...(t.trust ?? {}), ...(t.value ?? {}) },
      contributions: t.contributions ?? [],
    };
  }
  return { ties, stage: { ...(response?.stage ?? {}) } };
}

/**
 * The request body: partners left unanswered are left out; "we do not work together" drops
 * whatever was filled in for that partner; missing ratings stay missing so the server names
 * them (the form shows its error next to that partner).
 */
export function toSubmission(
  draft: AnswerDraft,
  order: readonly string[],
): SubmitSurveyResponseInput {
  const ties: SubmitSurveyResponseInput['ties'] = [];
  for (const partnerId of order) {
    const t = draft.ties[partnerId];
    if (!t || t.worksWith === null) continue;
    if (!t.worksWith) {
      ties.push({ partnerId, worksWith: false });
      continue;
    }
    const pick = <K extends TrustItem | ValueItem>(items: readonly K[]) =>
      items.every((i) => t.ratings[i] !== undefined)
        ? (Object.fromEntries(items.map((i) => [i, t.ratings[i]])) as Record<K, number>)
        : undefined;
    const trust = pick(TRUST_ITEMS);
    const value = pick(VALUE_ITEMS);
    ties.push({
      partnerId,
      worksWith: true,
      ...(t.level ? { level: t.level } : {}),
      ...(trust ? { trust } : {}),
      ...(value ? { value } : {}),
      ...(t.contributions.length ? { contributions: t.contributions } : {}),
    });
  }
  return { ties, stage: draft.stage };
}
