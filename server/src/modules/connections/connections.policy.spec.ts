import { canProposeConnections, connectionStatusAfter, respondingSide } from './connections.policy';

describe('connections policy', () => {
  it('only brokers propose, whatever their role, but never observers', () => {
    expect(canProposeConnections({ role: 'member', broker: true })).toBe(true);
    expect(canProposeConnections({ role: 'coordinator', broker: true })).toBe(true);
    expect(canProposeConnections({ role: 'coordinator', broker: false })).toBe(false);
    expect(canProposeConnections({ role: 'member', broker: false })).toBe(false);
    expect(canProposeConnections({ role: 'observer', broker: true })).toBe(false);
  });

  it('a representative of either side answers for that side', () => {
    const c = { fromPartnerId: 'a', toPartnerId: 'b' };
    expect(respondingSide({ role: 'member', partnerId: 'a' }, c)).toBe('a');
    expect(respondingSide({ role: 'coordinator', partnerId: 'b' }, c)).toBe('b');
    expect(respondingSide({ role: 'member', partnerId: 'x' }, c)).toBeNull();
    expect(respondingSide({ role: 'coordinator', partnerId: null }, c)).toBeNull();
    expect(respondingSide({ role: 'observer', partnerId: 'a' }, c)).toBeNull();
  });

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
});
