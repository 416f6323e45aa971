/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export { canSetPolicies } from '@coalesce/shared';
