import { PARTNER_PROFILE_FIELDS } from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';

type Who = Pick<Membership, 'role' | 'partnerId'>;

/** Pure rules about partners; the controller's guard and the service both call them. */
export const canManagePartners = (m: Pick<Membership, 'role'>): boolean => m.role === 'coordinator';

/** A representative is a member (not an observer) linked to the partner. */
export const isRepresentative = (m: Who, partnerId: string): boolean =>
  m.role !== 'observer' && m.partnerId === partnerId;

const PROFILE = new Set<string>(PARTNER_PROFILE_FIELDS);

/** Coordinators change anything; a representative only the profile fields of its own partner. */
export function canEditPartner(m: Who, partnerId: string, fields: string[]): boolean {
  if (canManagePartners(m)) return true;
  return isRepresentative(m, partnerId) && fields.every((f) => PROFILE.has(f));
}

export const canLeavePartner = (m: Who, partnerId: string): boolean =>
  canManagePartners(m) || isRepresentative(m, partnerId);
