// canProposeConnections and respondingSide are tested beside them in shared/src/policies.
import { answeringSide, connectionStatusAfter, mayRespondAtAll } from './connections.policy';

describe('connections policy', () => {
  it('both accept → accepted; one decline → declined; otherwise still proposed', () => {
    const c = { fromPartnerId: 'a', toPartnerId: 'b' };
    expect(connectionStatusAfter(c, [])).toBe('proposed');
    expect(connectionStatusAfter(c, [{ partnerId: 'a', accept: true }])).toBe('proposed');
    expect(connectionStatusAfter(c, [{ partnerId: 'b', accept: false }])).toBe('declined');
    expect(
      connectionStatusAfter(c, [
        { partnerId: 'a', accept: true },
        { partnerId: 'b', accept: true },
      ]),
    ).toBe('accepted');
    expect(
      connectionStatusAfter(c, [
        { partnerId: 'a', accept: true },
        { partnerId: 'b', accept: false },
      ]),
    ).toBe('declined');
  });

  it('a coordinator answers on behalf of a side nobody represents, and names it', () => {
    const c = { fromPartnerId: 'a', toPartnerId: 'b' };
    const coord = { role: 'coordinator' as const, partnerId: null };
    const none = new Set(['b']);
    expect(answeringSide(coord, c, 'b', none)).toEqual({ ok: true, side: 'b', onBehalf: true });
    expect(answeringSide(coord, c, 'a', none)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(answeringSide(coord, c, undefined, none)).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(answeringSide(coord, c, 'x', none)).toMatchObject({ ok: false, error: 'invalid' });
    // A representative answers for their own side, named or not, never for the other one.
    const rep = { role: 'member' as const, partnerId: 'a' };
    expect(answeringSide(rep, c, undefined, none)).toEqual({
      ok: true,
      side: 'a',
      onBehalf: false,
    });
    expect(answeringSide(rep, c, 'a', none)).toEqual({ ok: true, side: 'a', onBehalf: false });
    expect(answeringSide(rep, c, 'b', none)).toMatchObject({ ok: false, error: 'forbidden' });
    // A coordinator who represents a side answers for it as its representative.
    expect(answeringSide({ role: 'coordinator', partnerId: 'a' }, c, 'a', none)).toEqual({
      ok: true,
      side: 'a',
      onBehalf: false,
    });
    expect(mayRespondAtAll(coord, c, none)).toBe(true);
    expect(mayRespondAtAll(coord, c, new Set())).toBe(false);
    expect(mayRespondAtAll({ role: 'member', partnerId: 'a' }, c, new Set())).toBe(true);
    expect(mayRespondAtAll({ role: 'member', partnerId: 'x' }, c, none)).toBe(false);
    expect(mayRespondAtAll({ role: 'observer', partnerId: 'a' }, c, none)).toBe(false);
  });
});
