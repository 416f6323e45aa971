import { describe, expect, it } from 'vitest';
import { draftFrom, emptyTie, toSubmission } from './answer';

describe('survey answer form ↔ request body', () => {
  it('leaves out unanswered partners and keeps the roster order', () => {
    const body = toSubmission(
      {
        ties: {
          b: {
            ...emptyTie(),
            worksWith: false,
            level: 'collaboration',
            ratings: { reliability: 2 },
          },
          a: {
            worksWith: true,
            level: 'coordination',
            ratings: {
              reliability: 4,
              missionSupport: 3,
              openness: 2,
              influence: 1,
              involvement: 2,
              resourceContribution: 3,
            },
            contributions: ['expertise'],
          },
          c: emptyTie(),
        },
        stage: { vision_forming: 3 },
      },
      ['a', 'b', 'c'],
    );
    expect(body).toEqual({
      ties: [
        {
          partnerId: 'a',
          worksWith: true,
          level: 'coordination',
          trust: { reliability: 4, missionSupport: 3, openness: 2 },
          value: { influence: 1, involvement: 2, resourceContribution: 3 },
          contributions: ['expertise'],
        },
        { partnerId: 'b', worksWith: false },
      ],
      stage: { vision_forming: 3 },
    });
  });

  it('sends an incomplete tie without the missing group, so the server names it', () => {
    const body = toSubmission(
      { ties: { a: { ...emptyTie(), worksWith: true, ratings: { reliability: 4 } } }, stage: {} },
      ['a'],
    );
    expect(body.ties).toEqual([{ partnerId: 'a', worksWith: true }]);
  });

  it('round-trips an earlier answer', () => {
    const earlier = {
      waveId: 'w',
      partnerId: 'me',
      ties: [
        {
          partnerId: 'a',
          worksWith: true,
          level: 'awareness' as const,
          trust: { reliability: 1, missionSupport: 2, openness: 3 },
          value: { influence: 4, involvement: 3, resourceContribution: 2 },
          contributions: [],
        },
      ],
      stage: { loose_governance: 2 },
      submittedBy: 'u',
      submittedAt: '',
      updatedAt: '',
    };
    const again = toSubmission(draftFrom(earlier), ['a']);
    expect(again).toEqual({
      ties: [{ ...earlier.ties[0], contributions: undefined }].map(
        ({ contributions: _, ...t }) => t,
      ),
      stage: { loose_governance: 2 },
    });
  });
});
