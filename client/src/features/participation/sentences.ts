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
    t('participation.followThrough', { n: f.ever, total: f.introductions }),
    t('participation.followThroughWithin', { n: f.within90Days, total: f.introductions, days }),
  ];
}
