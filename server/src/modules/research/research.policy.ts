import type { Membership } from '../../common/auth/auth.types';
import { isRepresentative } from '@coalesce/shared';

/** Research exports follow the existing export's rule (coordinators and observers). */
export { canExport } from '@coalesce/shared';

/** A partner's research consent: a coordinator, or one of the partner's own representatives. */
export const canSetResearchConsent = (
  me: Pick<Membership, 'role' | 'partnerId'>,
  partnerId: string,
): boolean => me.role === 'coordinator' || isRepresentative(me, partnerId);
