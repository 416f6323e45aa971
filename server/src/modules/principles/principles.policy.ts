import type { Membership } from '../../common/auth/auth.types';

/** Everyone in the workspace reads principles; coordinators write them. */
export const canManagePrinciples = (m: Pick<Membership, 'role'>): boolean =>
  m.role === 'coordinator';
