import type { Role } from '../domain.js';
import type { Capacity } from './capacity.js';

/*
 * Who may do what in a workspace: pure rules over a person's capacity. The server's guards and
 * services enforce them; the client uses the same functions to offer only what will be allowed.
 */

type WithRole = Pick<Capacity, 'role'>;
type Who = Pick<Capacity, 'role' | 'partnerId'>;

// Workspaces
export const canViewWorkspace = (_m: WithRole): boolean => true;
export const canUpdateWorkspace = (m: WithRole): boolean => m.role === 'coordinator';

// Members
export const canViewMembers = (_m: WithRole): boolean => true;
export const canManageMembers = (m: WithRole): boolean => m.role === 'coordinator';
export const canRemoveMember = (actor: Pick<Capacity, 'role' | 'userId'>, userId: string) =>
  canManageMembers(actor) || actor.userId === userId;

/** Would setting `userId`'s role to `newRole` (null = removing them) leave no coordinator? */
export function leavesNoCoordinator(
  members: readonly { userId: string; role: Role }[],
  userId: string,
  newRole: Role | null,
): boolean {
  const target = members.find((m) => m.userId === userId);
  if (!target || target.role !== 'coordinator' || newRole === 'coordinator') return false;
  return !members.some((m) => m.userId !== userId && m.role === 'coordinator');
}

// Invitations
export const canManageInvitations = (m: WithRole): boolean => m.role === 'coordinator';

// Partners
export const canManagePartners = (m: WithRole): boolean => m.role === 'coordinator';

/** A representative is a member (not an observer) linked to the partner. */
export const isRepresentative = (m: Who, partnerId: string): boolean =>
  m.role !== 'observer' && m.partnerId === partnerId;

// Decision policies and principles: everyone reads them, coordinators set them.
export const canSetPolicies = (m: WithRole): boolean => m.role === 'coordinator';
export const canManagePrinciples = (m: WithRole): boolean => m.role === 'coordinator';

// Documents
/** What a member may do with the workspace's documents: observers read, everyone else writes. */
export type DocumentAccess = 'read' | 'write';

/**
 * The one rule, used by the HTTP guard, the collab socket's authenticator, the listener that
 * downgrades live sockets when a role changes, and the client's editor — so they cannot disagree.
 */
export const documentAccessFor = (role: Role): DocumentAccess =>
  role === 'observer' ? 'read' : 'write';

/** `null` (no longer a member) stays null: the caller closes the connection. */
export const documentAccessOrNone = (role: Role | null): DocumentAccess | null =>
  role === null ? null : documentAccessFor(role);

export const canReadDocuments = (_m: WithRole): boolean => true;
/** Create documents, save versions, restore a version, edit live. */
export const canWriteDocuments = (m: WithRole): boolean => documentAccessFor(m.role) === 'write';

// Experiments
/**
 * Who writes experiments (create, edit, move, add learnings): coordinators, and members who
 * represent a partner. Observers and members without a partner only read.
 */
export const canWriteExperiments = (m: Who): boolean =>
  m.role === 'coordinator' || (m.role === 'member' && m.partnerId !== null);

export const EXPERIMENTS_WRITE_DENIED =
  'Only coordinators and members who represent a partner can change experiments';

/**
 * Who deletes an experiment: coordinators, and the representatives of its lead partner (not
 * observers). Without a lead partner only coordinators can.
 */
export const canDeleteExperiment = (m: Who, e: { leadPartnerId: string | null }): boolean =>
  m.role === 'coordinator' ||
  (m.role === 'member' && m.partnerId !== null && m.partnerId === e.leadPartnerId);

export const EXPERIMENT_DELETE_DENIED =
  'Only coordinators and representatives of the lead partner can delete this experiment';

// Connections and the network
/** Proposing connections is the broker's act: the broker flag decides, not the role. */
export const canProposeConnections = (m: Pick<Capacity, 'role' | 'broker'>): boolean =>
  m.broker && m.role !== 'observer';

export const PROPOSE_CONNECTIONS_DENIED = 'Only brokers can propose connections';

/**
 * The side (partner id) the caller answers for: a member (not an observer) linked to one of the
 * two partners. Null when the caller represents neither.
 */
export function respondingSide(
  m: Who,
  c: { fromPartnerId: string; toPartnerId: string },
): string | null {
  if (m.role === 'observer' || !m.partnerId) return null;
  return m.partnerId === c.fromPartnerId || m.partnerId === c.toPartnerId ? m.partnerId : null;
}

/**
 * A coordinator answers a connection for a side that has no representative (recorded as on its
 * behalf); a side with a representative answers for itself.
 */
export const canAnswerOnBehalf = (m: WithRole, sideHasRepresentative: boolean): boolean =>
  m.role === 'coordinator' && !sideHasRepresentative;

/** Broker suggestions are for brokers, and for coordinators who run the network. */
export const canSeeSuggestions = (m: Pick<Capacity, 'role' | 'broker'>): boolean =>
  m.role === 'coordinator' || (m.broker && m.role !== 'observer');

export const SUGGESTIONS_DENIED = 'Only brokers and coordinators see broker suggestions';

// Export
/** Researchers (observers) and coordinators export; members do not. */
export const canExport = (m: WithRole): boolean =>
  m.role === 'coordinator' || m.role === 'observer';
/** Email addresses leave the workspace only for its coordinators. */
export const canExportEmails = (m: WithRole): boolean => m.role === 'coordinator';
