import { PARTNER_PROFILE_FIELDS } from '../partners.js';
import { canManagePartners, isRepresentative } from './access.policy.js';
import type { Capacity } from './capacity.js';

// Apart from access.policy.ts: partners.ts carries zod schemas, which a bundle that only asks
// who may do what (the client's first chunk) should not pull in.

type Who = Pick<Capacity, 'role' | 'partnerId'>;

const PROFILE = new Set<string>(PARTNER_PROFILE_FIELDS);

/** Coordinators change anything; a representative only the profile fields of its own partner. */
export function canEditPartner(m: Who, partnerId: string, fields: readonly string[]): boolean {
  if (canManagePartners(m)) return true;
  return isRepresentative(m, partnerId) && fields.every((f) => PROFILE.has(f));
}

export const canLeavePartner = (m: Who, partnerId: string): boolean =>
  canManagePartners(m) || isRepresentative(m, partnerId);

/** A partner's vote delegation is set or revoked by its representatives or a coordinator. */
export const canSetDelegation = (m: Who, partnerId: string): boolean =>
  canManagePartners(m) || isRepresentative(m, partnerId);
