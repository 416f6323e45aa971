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
    expect(answerableSides(c, { role: 'member', partnerId: 'a' }, has)).toEqual([
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
    expect(answerableSides(answered, { role: 'member', partnerId: 'a' }, has)).toEqual([]);
  });

  it('lets a coordinator answer for a side nobody represents, and nothing once closed', () => {
    expect(answerableSides(c, { role: 'coordinator', partnerId: 'a' }, has)).toEqual([
      { partnerId: 'a', onBehalf: false },
      { partnerId: 'b', onBehalf: true },
    ]);
    expect(answerableSides(c, { role: 'coordinator', partnerId: null }, () => undefined)).toEqual(
      [],
    );
    expect(
      answerableSides({ ...c, status: 'expired' }, { role: 'coordinator', partnerId: 'a' }, has),
    ).toEqual([]);
  });

  it('does not offer an observer linked to a partner that side (the server refuses them)', () => {
    expect(answerableSides(c, { role: 'observer', partnerId: 'a' }, has)).toEqual([]);
  });
});
