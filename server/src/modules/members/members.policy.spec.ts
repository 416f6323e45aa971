import { canManageMembers, canRemoveMember, leavesNoCoordinator } from './members.policy';

describe('members policy', () => {
  it('only coordinators manage members', () => {
    expect(canManageMembers({ role: 'coordinator' })).toBe(true);
    expect(canManageMembers({ role: 'member' })).toBe(false);
    expect(canManageMembers({ role: 'observer' })).toBe(false);
  });

  it('coordinators remove anyone; everyone may remove themselves', () => {
    expect(canRemoveMember({ role: 'coordinator', userId: 'a' }, 'b')).toBe(true);
    expect(canRemoveMember({ role: 'observer', userId: 'a' }, 'a')).toBe(true);
    expect(canRemoveMember({ role: 'member', userId: 'a' }, 'b')).toBe(false);
  });

  it('protects the last coordinator', () => {
    const one = [
      { userId: 'c', role: 'coordinator' as const },
      { userId: 'm', role: 'member' as const },
    ];
    expect(leavesNoCoordinator(one, 'c', 'member')).toBe(true);
    expect(leavesNoCoordinator(one, 'c', null)).toBe(true);
    expect(leavesNoCoordinator(one, 'c', 'coordinator')).toBe(false);
    expect(leavesNoCoordinator(one, 'm', null)).toBe(false);
    expect(leavesNoCoordinator(one, 'nobody', null)).toBe(false);
    const two = [...one, { userId: 'd', role: 'coordinator' as const }];
    expect(leavesNoCoordinator(two, 'c', null)).toBe(false);
  });
});
