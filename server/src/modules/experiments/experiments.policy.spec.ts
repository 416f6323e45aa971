import { canWriteExperiments } from './experiments.policy';

describe('experiments policy', () => {
  it('coordinators and members linked to a partner write; others read', () => {
    expect(canWriteExperiments({ role: 'coordinator', partnerId: null })).toBe(true);
    expect(canWriteExperiments({ role: 'coordinator', partnerId: 'p' })).toBe(true);
    expect(canWriteExperiments({ role: 'member', partnerId: 'p' })).toBe(true);
    expect(canWriteExperiments({ role: 'member', partnerId: null })).toBe(false);
    expect(canWriteExperiments({ role: 'observer', partnerId: 'p' })).toBe(false);
    expect(canWriteExperiments({ role: 'observer', partnerId: null })).toBe(false);
  });
});
