import type { ActorType } from '@coalesce/shared';

/** One colour per type of actor, shared by the map and its legend. */
export const ACTOR_COLORS: Record<ActorType, string> = {
  local_government: '#0f766e',
  education: '#4f46e5',
  knowledge_institution: '#7c3aed',
  youth_work: '#db2777',
  sports: '#16a34a',
  care_welfare: '#dc2626',
  arts_culture: '#d97706',
  entrepreneur: '#0369a1',
  civil_society: '#65a30d',
  citizen: '#92400e',
  other: '#64748b',
};
