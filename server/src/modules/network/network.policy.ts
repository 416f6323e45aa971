import type { Membership } from '../../common/auth/auth.types';

/** Broker suggestions are for brokers, and for coordinators who run the network. */
export const canSeeSuggestions = (m: Pick<Membership, 'role' | 'broker'>): boolean =>
  m.role === 'coordinator' || (m.broker && m.role !== 'observer');

export const SUGGESTIONS_DENIED = 'Only brokers and coordinators see broker suggestions';
