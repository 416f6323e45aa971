/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export {
  canEditPartner,
  canLeavePartner,
  canManagePartners,
  canSetDelegation,
  isRepresentative,
} from '@coalesce/shared';
