import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { AUTH_COOKIES, CollabCloseCode } from '@coalesce/shared';
import { AuthService, type Principal } from '../../auth/auth.service';
import { parseCookieHeader } from '../../auth/auth.util';
import { MembersService } from '../../members/members.service';
import { UsersService } from '../../users/users.service';
import { DocumentsService } from '../documents.service';
import { documentAccessFor } from '../documents.policy';
import type { CollabAuthenticator, CollabAuthHooks, CollabAuthResult } from './collab.auth';
import { isCanonicalUuid } from '../../../common/validation/uuid.util';

/** Lower case only: an upper-case spelling is 4404, never a second live copy. */

/**
 * Who is on a `/collab/:documentId` socket, decided like an HTTP request to the document:
 * credentials (`?token=` access token, else the session cookie a browser sends with a
 * same-origin upgrade) → 4401; malformed or unknown document → 4404; not a member of the
 * document's workspace → 4403; then the documents policy: observers read, others write.
 * The contract's precedence (401 → 404 → 403) holds here too, so a stranger learns nothing
 * about which documents exist.
 */
@Injectable()
export class CollabAccessAuthenticator implements CollabAuthenticator {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly documents: DocumentsService,
    private readonly users: UsersService,
  ) {}

  async authenticate(
    req: IncomingMessage,
    documentId: string,
    hooks?: CollabAuthHooks,
  ): Promise<CollabAuthResult> {
    // The document lookup does not depend on who asks: it runs alongside the session lookup
    // (one round trip less) when there is a credential worth looking up; the answers keep the
    // contract's order, and a caller without valid credentials learns nothing from it. A forged
    // token costs no query (an unauthenticated flood once queued hundreds of them ahead of
    // everyone else's, /api/health included).
    const lookup =
      isCanonicalUuid(documentId) && (await this.worthLookingUp(req))
        ? this.documents.findById(documentId.toLowerCase())
        : null;
    lookup?.catch(() => undefined); // awaited below unless the credentials fail
    const principal = await this.principalOf(req);
    if (!principal) return { ok: false, code: CollabCloseCode.UNAUTHENTICATED };
    if (!isCanonicalUuid(documentId)) return { ok: false, code: CollabCloseCode.NOT_FOUND };
    const doc = await (lookup ?? this.documents.findById(documentId.toLowerCase()));
    if (!doc) return { ok: false, code: CollabCloseCode.NOT_FOUND };
    hooks?.documentFound?.(doc.id);
    // Independent lookups, one round trip: the display name is only used once access is granted.
    const [membership, user] = await Promise.all([
      this.members.roleOf(doc.workspaceId, principal.userId),
      this.users.findById(principal.userId),
    ]);
    if (!membership) return { ok: false, code: CollabCloseCode.FORBIDDEN };
    return {
      ok: true,
      userId: principal.userId,
      sessionId: principal.sessionId,
      workspaceId: doc.workspaceId,
      readOnly: documentAccessFor(membership.role) === 'read',
      ...(user ? { name: user.displayName } : {}),
    };
  }

  async warmUp(): Promise<void> {
    const probe = randomUUID();
    // Existing rows where there are any, so that mapping rows to entities is warm too. Each
    // module is asked for its own rows (no reading another module's tables).
    const member = await this.members.anyMembership();
    const documentId = member ? await this.documents.anyIdIn(member.workspaceId) : null;
    const some = member && { ...member, id: documentId ?? probe };
    await Promise.all([
      // Loads (and caches) the signing secret; the token itself is refused.
      this.auth.verifyAccessToken('warm.up.token'),
      this.auth.authenticateCookieHeader(`${AUTH_COOKIES.session}=${randomUUID()}`),
      this.documents.findById(some?.id ?? probe),
      this.members.roleOf(some?.workspaceId ?? probe, some?.userId ?? probe),
      this.users.findById(some?.userId ?? probe),
    ]);
  }

  /**
   * A `?token=` that is present is the credential, valid or not (no silent fall-back to the
   * cookie: a client that sends a stale token must learn it is stale).
   */
  private principalOf(req: IncomingMessage): Promise<Principal | null> {
    const token = tokenOf(req);
    if (token) return this.auth.verifyAccessToken(token);
    return this.auth.authenticateCookieHeader(req.headers.cookie);
  }

  /** A validly signed token, or a session cookie: something `principalOf` will look up. */
  private async worthLookingUp(req: IncomingMessage): Promise<boolean> {
    const token = tokenOf(req);
    if (token) return this.auth.isSignedAccessToken(token);
    return Boolean(parseCookieHeader(req.headers.cookie)[AUTH_COOKIES.session]);
  }
}

function tokenOf(req: IncomingMessage): string | null {
  return new URL(req.url ?? '/', 'http://collab.invalid').searchParams.get('token');
}
