import { describe, expect, it } from 'vitest';
import type { ConnectionDto as Connection } from '@coalesce/shared';
import { answerableSides } from './answerable';

const c: Connection = {
  id: 'c',
  workspaceId: 'w',
  fromPartnerId: 'a',
  toPartnerId: 'b',
  reason: 'r',
  status: 'proposed',
  responses: [],
  proposedBy: 'u',
  reasonCode: null,
  reasonParams: null,
  createdAt: '',
  updatedAt: '',
  closedAt: null,
};
const reps = new Map([
  ['a', true],
  ['b', false],
]);
const has = (id: string) => reps.get(id);

describe('answerableSides', () => {
  it('lets a representative answer their own side once', () => {
    expect(answerableSides(c, { partnerId: 'a', coordinator: false }, has)).toEqual([
      { partnerId: 'a', onBehalf: false },
    ]);
    const answered = {
      ...c,
      responses: [
        {
          partnerId: 'a',
          accept: true,
          respondedBy: 'u',
          respondedAt: '',
          note: null,
          onBehalf: false,
        },
      ],
    };
    expect(answerableSides(answered, { partnerId: 'a', coordinator: false }, has)).toEqual([]);
  });

  it('lets a coordinator answer for a side nobody represents, and nothing once closed', () => {
    expect(answerableSides(c, { partnerId: 'a', coordinator: true }, has)).toEqual([
      { partnerId: 'a', onBehalf: false },
      { partnerId: 'b', onBehalf: true },
    ]);
    expect(answerableSides(c, { partnerId: null, coordinator: true }, () => undefined)).toEqual([]);
    expect(
      answerableSides({ ...c, status: 'expired' }, { partnerId: 'a', coordinator: true }, has),
    ).toEqual([]);
  });
});
