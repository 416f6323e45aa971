import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../i18n/i18n';
import { followThroughSentences, participationSentences, quarterLabel } from './sentences';

const tIn = (locale: 'en' | 'nl') => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(locale, key, params);

const counts = {
  votesPossible: 5,
  votesCast: 4,
  experiments: 1,
  learnings: 3,
  comments: 0,
  surveyResponses: 1,
  surveysAsked: 2,
};

describe('participation sentences', () => {
  it('says plainly what a partner did, in English', () => {
    expect(participationSentences(tIn('en'), counts)).toEqual([
      'Voted on 4 of 5 proposals it could vote on',
      'Takes part in 1 experiment',
      'Its representatives wrote 3 learnings',
      'Its representatives wrote 0 comments',
      'Answered 1 of 2 surveys it was asked',
    ]);
  });

  it('says it in Dutch, and that nothing could be voted on yet', () => {
    expect(
      participationSentences(tIn('nl'), {
        ...counts,
        votesPossible: 0,
        votesCast: 0,
        surveysAsked: 0,
      }),
    ).toEqual([
      'Mocht nog over geen enkel voorstel stemmen',
      'Neemt deel aan 1 experiment',
      'Haar vertegenwoordigers schreven 3 lessen',
      'Haar vertegenwoordigers schreven 0 reacties',
      'Kreeg nog geen bevraging',
    ]);
  });

  it('phrases broker follow-through in both languages', () => {
    const f = {
      introductions: 3,
      within90Days: 1,
      ever: 2,
      shareWithin90Days: 1 / 3,
      shareEver: 2 / 3,
    };
    expect(followThroughSentences(tIn('en'), f, 90)).toEqual([
      '2 of 3 introductions became collaboration',
      '1 of 3 within 90 days',
    ]);
    expect(followThroughSentences(tIn('nl'), f, 90)).toEqual([
      '2 van de 3 kennismakingen werden samenwerking',
      '1 van de 3 binnen 90 dagen',
    ]);
  });

  it('agrees the Dutch verb with one introduction', () => {
    const one = {
      introductions: 9,
      within90Days: 0,
      ever: 1,
      shareWithin90Days: 0,
      shareEver: 1 / 9,
    };
    expect(followThroughSentences(tIn('nl'), one, 90)[0]).toBe(
      '1 van de 9 kennismakingen werd samenwerking',
    );
    expect(followThroughSentences(tIn('en'), one, 90)[0]).toBe(
      '1 of 9 introductions became collaboration',
    );
  });

  it('names a quarter by its months, in either language', () => {
    expect(quarterLabel('2026-Q2', 'en')).toBe('Apr–Jun 2026');
    expect(quarterLabel('2025-Q4', 'nl')).toMatch(/^okt\.?–dec\.? 2025$/);
    expect(quarterLabel('oops', 'en')).toBe('oops');
  });
});
