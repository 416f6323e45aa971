/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export {
  canManageMembers,
  canRemoveMember,
  canViewMembers,
  leavesNoCoordinator,
} from '@coalesce/shared';
