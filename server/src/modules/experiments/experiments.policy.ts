import type { Membership } from '../../common/auth/auth.types';

type Who = Pick<Membership, 'role' | 'partnerId'>;

/**
 * Who writes experiments (create, edit, move, add learnings): coordinators, and members who
 * represent a partner. Observers and members without a partner only read.
 */
export const canWriteExperiments = (m: Who): boolean =>
  m.role === 'coordinator' || (m.role === 'member' && m.partnerId !== null);

export const WRITE_DENIED =
  'Only coordinators and members who represent a partner can change experiments';

/**
 * Who deletes an experiment: coordinators, and the representatives of its lead partner (not
 * observers). Without a lead partner only coordinators can.
 */
export const canDeleteExperiment = (m: Who, e: { leadPartnerId: string | null }): boolean =>
  m.role === 'coordinator' ||
  (m.role === 'member' && m.partnerId !== null && m.partnerId === e.leadPartnerId);

export const DELETE_DENIED =
  'Only coordinators and representatives of the lead partner can delete this experiment';
