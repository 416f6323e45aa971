import type { Membership } from '../../common/auth/auth.types';

type WithRole = Pick<Membership, 'role'>;

/** Researchers (observers) and coordinators export; members do not. */
export const canExport = (m: WithRole): boolean =>
  m.role === 'coordinator' || m.role === 'observer';
/** Email addresses leave the workspace only for its coordinators. */
export const canExportEmails = (m: WithRole): boolean => m.role === 'coordinator';
