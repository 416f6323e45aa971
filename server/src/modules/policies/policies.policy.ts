import type { Membership } from '../../common/auth/auth.types';

/** Everyone reads the decision policies; coordinators set them. */
export const canSetPolicies = (m: Pick<Membership, 'role'>): boolean => m.role === 'coordinator';
