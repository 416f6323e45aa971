import { canDeleteExperiment, canWriteExperiments } from './experiments.policy';

describe('experiments policy', () => {
  it('coordinators and members linked to a partner write; others read', () => {
    expect(canWriteExperiments({ role: 'coordinator', partnerId: null })).toBe(true);
    expect(canWriteExperiments({ role: 'coordinator', partnerId: 'p' })).toBe(true);
    expect(canWriteExperiments({ role: 'member', partnerId: 'p' })).toBe(true);
    expect(canWriteExperiments({ role: 'member', partnerId: null })).toBe(false);
    expect(canWriteExperiments({ role: 'observer', partnerId: 'p' })).toBe(false);
    expect(canWriteExperiments({ role: 'observer', partnerId: null })).toBe(false);
  });

  it('coordinators and the lead partner’s representatives delete', () => {
    const led = { leadPartnerId: 'p' };
    expect(canDeleteExperiment({ role: 'coordinator', partnerId: null }, led)).toBe(true);
    expect(canDeleteExperiment({ role: 'member', partnerId: 'p' }, led)).toBe(true);
    expect(canDeleteExperiment({ role: 'member', partnerId: 'q' }, led)).toBe(false);
    expect(canDeleteExperiment({ role: 'member', partnerId: null }, led)).toBe(false);
    expect(canDeleteExperiment({ role: 'observer', partnerId: 'p' }, led)).toBe(false);
    const unled = { leadPartnerId: null };
    expect(canDeleteExperiment({ role: 'coordinator', partnerId: 'p' }, unled)).toBe(true);
    expect(canDeleteExperiment({ role: 'member', partnerId: 'p' }, unled)).toBe(false);
  });
});
