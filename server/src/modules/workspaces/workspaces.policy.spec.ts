import { canUpdateWorkspace, canViewWorkspace } from './workspaces.policy';

describe('workspaces policy', () => {
  it('everyone views; only coordinators update', () => {
    for (const role of ['coordinator', 'member', 'observer'] as const) {
      expect(canViewWorkspace({ role })).toBe(true);
      expect(canUpdateWorkspace({ role })).toBe(role === 'coordinator');
    }
  });
});
