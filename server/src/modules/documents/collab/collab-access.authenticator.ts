import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { CollabCloseCode } from '@coalesce/shared';
import { AuthService, type Principal } from '../../auth/auth.service';
import { MembersService } from '../../members/members.service';
import { UsersService } from '../../users/users.service';
import { DocumentsService } from '../documents.service';
import { documentAccessFor } from '../documents.policy';
import type { CollabAuthenticator, CollabAuthResult } from './collab.auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  async authenticate(req: IncomingMessage, documentId: string): Promise<CollabAuthResult> {
    const principal = await this.principalOf(req);
    if (!principal) return { ok: false, code: CollabCloseCode.UNAUTHENTICATED };
    if (!UUID.test(documentId)) return { ok: false, code: CollabCloseCode.NOT_FOUND };
    const doc = await this.documents.findById(documentId.toLowerCase());
    if (!doc) return { ok: false, code: CollabCloseCode.NOT_FOUND };
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

  /**
   * A `?token=` that is present is the credential, valid or not (no silent fall-back to the
   * cookie: a client that sends a stale token must learn it is stale).
   */
  private principalOf(req: IncomingMessage): Promise<Principal | null> {
    const token = new URL(req.url ?? '/', 'http://collab.invalid').searchParams.get('token');
    if (token) return this.auth.verifyAccessToken(token);
    return this.auth.authenticateCookieHeader(req.headers.cookie);
  }
}
