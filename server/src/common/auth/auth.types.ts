import type { Role } from '@coalesce/shared';
import type { Request } from 'express';

/** Who is calling, as the auth guard established it. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  via: 'bearer' | 'cookie';
}

/** The caller's membership of the `:wid` workspace, as the workspace guard established it. */
export interface Membership {
  workspaceId: string;
  userId: string;
  role: Role;
  broker: boolean;
  partnerId: string | null;
}

/**
 * The caller's membership of a workspace, read by the auth guard beside the session when the
 * credentials name the user up front (an access token), so the two reads overlap; the
 * workspace guard uses it for that workspace. `membership: null` means "not a member" as of
 * that read.
 */
export interface PrefetchedMembership {
  workspaceId: string;
  membership: Membership | null;
}

export type AppRequest = Request & {
  auth?: AuthContext;
  membership?: Membership;
  prefetchedMembership?: PrefetchedMembership;
  id?: string;
};

/** Implemented by the auth module; the global guard depends only on this. */
export interface RequestAuthenticator {
  /**
   * The session behind the request's Bearer token or session cookie; throws 401/403. With a
   * `workspaceId` (a well-formed lowercase uuid) it may also read the caller's membership of it
   * (from the members module, alongside the session) and leave it in `req.prefetchedMembership`.
   */
  authenticateRequest(req: AppRequest, workspaceId?: string): Promise<AuthContext>;
}
export const REQUEST_AUTHENTICATOR = Symbol('REQUEST_AUTHENTICATOR');

/** Implemented by the members module; the workspace guard depends only on this. */
export interface MembershipLookup {
  membershipOf(workspaceId: string, userId: string): Promise<Membership | null>;
}
export const MEMBERSHIP_LOOKUP = Symbol('MEMBERSHIP_LOOKUP');

/** A rule over the caller's membership, e.g. `canUpdateWorkspace`. */
export type MembershipPolicy = (m: Membership) => boolean;
