import type { Role } from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';

type WithRole = Pick<Membership, 'role'>;

/** What a member may do with the workspace's documents: observers read, everyone else writes. */
export type DocumentAccess = 'read' | 'write';

/**
 * The one rule, used by the HTTP guard (`@WorkspaceAccess`), the collab socket's authenticator
 * and the listener that downgrades live sockets when a role changes — so they cannot disagree.
 */
export const documentAccessFor = (role: Role): DocumentAccess =>
  role === 'observer' ? 'read' : 'write';

/** `null` (no longer a member) stays null: the caller closes the connection. */
export const documentAccessOrNone = (role: Role | null): DocumentAccess | null =>
  role === null ? null : documentAccessFor(role);

export const canReadDocuments = (_m: WithRole): boolean => true;
/** Create documents, save versions, restore a version, edit live. */
export const canWriteDocuments = (m: WithRole): boolean => documentAccessFor(m.role) === 'write';
