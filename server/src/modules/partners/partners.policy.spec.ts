import { canEditPartner, canLeavePartner, isRepresentative } from './partners.policy';

const P = '11111111-1111-4111-8111-111111111111';
const Q = '22222222-2222-4222-8222-222222222222';

describe('partners policy', () => {
  it('a representative is a non-observer member linked to the partner', () => {
    expect(isRepresentative({ role: 'member', partnerId: P }, P)).toBe(true);
    expect(isRepresentative({ role: 'coordinator', partnerId: P }, P)).toBe(true);
    expect(isRepresentative({ role: 'observer', partnerId: P }, P)).toBe(false);
    expect(isRepresentative({ role: 'member', partnerId: Q }, P)).toBe(false);
    expect(isRepresentative({ role: 'member', partnerId: null }, P)).toBe(false);
  });

  it('coordinators edit anything; representatives profile fields only', () => {
    expect(canEditPartner({ role: 'coordinator', partnerId: null }, P, ['tier', 'weight'])).toBe(
      true,
    );
    const rep = { role: 'member' as const, partnerId: P };
    expect(
      canEditPartner(rep, P, ['name', 'motivations', 'contributions', 'description', 'website']),
    ).toBe(true);
    expect(canEditPartner(rep, P, ['name', 'tier'])).toBe(false);
    expect(canEditPartner(rep, P, ['weight'])).toBe(false);
    expect(canEditPartner(rep, P, ['affiliationPartnerId'])).toBe(false);
    expect(canEditPartner(rep, Q, ['name'])).toBe(false);
  });

  it('coordinators and representatives make a partner leave', () => {
    expect(canLeavePartner({ role: 'coordinator', partnerId: null }, P)).toBe(true);
    expect(canLeavePartner({ role: 'member', partnerId: P }, P)).toBe(true);
    expect(canLeavePartner({ role: 'member', partnerId: Q }, P)).toBe(false);
  });
});
