import type { Membership } from '../../common/auth/auth.types';

type WithRole = Pick<Membership, 'role'>;

/** Pure rules about workspaces. */
export const canViewWorkspace = (_m: WithRole): boolean => true;
export const canUpdateWorkspace = (m: WithRole): boolean => m.role === 'coordinator';
