/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export {
  canEditPartner,
  canLeavePartner,
  canManagePartners,
  isRepresentative,
} from '@coalesce/shared';
