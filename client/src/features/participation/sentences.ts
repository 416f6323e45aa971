import type { FollowThroughTally, ParticipationQuarterDto } from '@coalesce/shared';
import type { MessageKey } from '../../i18n/i18n';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
type Counts = Omit<ParticipationQuarterDto, 'quarter'>;

/** A partner's participation as plain sentences, in a fixed order (never compared to others). */
export function participationSentences(t: T, c: Counts): string[] {
  const countable = (n: number, one: MessageKey, many: MessageKey) =>
    n === 1 ? t(one) : t(many, { n });
  return [
    c.votesPossible
      ? t('participation.votes', { n: c.votesCast, total: c.votesPossible })
      : t('participation.noVotes'),
    countable(c.experiments, 'participation.experimentsOne', 'participation.experiments'),
    countable(c.learnings, 'participation.learningsOne', 'participation.learnings'),
    countable(c.comments, 'participation.commentsOne', 'participation.comments'),
    c.surveysAsked
      ? t('participation.surveys', { n: c.surveyResponses, total: c.surveysAsked })
      : t('participation.noSurveys'),
  ];
}

/** "2 of 3 introductions became collaboration", and the same within the window. */
export function followThroughSentences(t: T, f: FollowThroughTally, days: number): string[] {
  return [
    // "1 van de 9 kennismakingen werd …": the verb agrees with the count in Dutch.
    t(f.ever === 1 ? 'participation.followThroughOne' : 'participation.followThrough', {
      n: f.ever,
      total: f.introductions,
    }),
    t('participation.followThroughWithin', { n: f.within90Days, total: f.introductions, days }),
  ];
}

/** "Apr–Jun 2026" for `2026-Q2`, in the reader's language (a quarter code is jargon). */
export function quarterLabel(quarter: string, locale: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return quarter;
  const year = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3;
  const month = (i: number) =>
    new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(year, i, 15)),
    );
  return `${month(first)}–${month(first + 2)} ${year}`;
}
