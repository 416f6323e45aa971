import { CARET_PALETTE, preferredColor } from '@coalesce/shared';
import { boundEntries, boundState } from './collab-awareness.util';

const me = { userId: 'u-1', name: 'Ann' };
const limits = { maxStateBytes: 200, maxClientIdsPerConnection: 2 };

describe('presence bound to its user', () => {
  it('keeps only cursor/selection and writes name and colour from the account', () => {
    expect(boundState({ user: { name: 'Eve', color: '#000' }, cursor: 1, x: 2 }, me)).toEqual({
      cursor: 1,
      user: { name: 'Ann', color: preferredColor('u-1'), since: 0 },
    });
    expect(boundState(null, me)).toBeNull();
    expect(boundState('junk', me)).toEqual({
      user: { name: 'Ann', color: expect.any(String), since: 0 },
    });
    // A palette colour is the client's own distinct pick; the name is still the account's.
    const palette = CARET_PALETTE[3];
    expect(boundState({ user: { name: 'Eve', color: palette, since: 5 } }, me)).toEqual({
      user: { name: 'Ann', color: palette, since: 5 },
    });
  });

  it('claims free ids up to the quota and drops ids owned elsewhere, removals of others and big states', () => {
    const owner = { mine: new Set([1]), takenElsewhere: (id: number) => id === 9 };
    const { entries, claimed } = boundEntries(
      [
        { clientId: 1, clock: 1, state: { cursor: 'a' } },
        { clientId: 9, clock: 1, state: { cursor: 'stolen' } },
        { clientId: 8, clock: 1, state: null },
        { clientId: 2, clock: 1, state: { cursor: 'x'.repeat(500) } },
        { clientId: 3, clock: 1, state: {} },
        { clientId: 4, clock: 1, state: {} },
      ],
      me,
      owner,
      limits,
    );
    expect(entries.map((e) => e.clientId)).toEqual([1, 3]);
    expect(claimed).toEqual([3]);
  });
});
