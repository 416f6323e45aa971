/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export { canUpdateWorkspace, canViewWorkspace } from '@coalesce/shared';
