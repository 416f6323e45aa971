import type { IncomingMessage } from 'node:http';
import type { CollabCloseCode } from '@coalesce/shared';

export type CollabAuthResult =
  | {
      ok: true;
      userId: string;
      workspaceId: string;
      /** Observers: their document updates are dropped, their awareness is relayed. */
      readOnly: boolean;
      /** Display name, for logs and presence. */
      name?: string;
      /** The session behind the credentials: its sockets close when it is revoked. */
      sessionId?: string;
    }
  | {
      ok: false;
      code:
        | typeof CollabCloseCode.UNAUTHENTICATED
        | typeof CollabCloseCode.FORBIDDEN
        | typeof CollabCloseCode.NOT_FOUND;
      reason?: string;
    };

/**
 * Decides, before any document content is sent, who is on the other end of a `/collab/:id`
 * socket and whether they may read or write. `req` is the HTTP upgrade request (query string
 * `?token=`, cookies, headers); `documentId` is the raw path segment (may be a malformed id).
 * Throwing closes the socket with 1011 (the client retries).
 */
export interface CollabAuthenticator {
  authenticate(
    req: IncomingMessage,
    documentId: string,
    hooks?: CollabAuthHooks,
  ): Promise<CollabAuthResult>;
  /**
   * Optional start-up warm-up (before the server listens): run the lookups `authenticate`
   * makes once, on ids that match nothing, so the first socket after a restart does not pay
   * for cold code and new database connections. Must not throw for a healthy database.
   */
  warmUp?(): Promise<void>;
}

export interface CollabAuthHooks {
  /**
   * Called at most once, when the caller's credentials are valid and the document exists but
   * before the (slower) membership check: the service starts loading the document meanwhile.
   * Nothing is sent to the socket before `authenticate` resolves with `ok: true`.
   */
  documentFound?(documentId: string): void;
}

/**
 * DocumentsModule provides the real one (CollabAccessAuthenticator: verified token or session
 * cookie, membership, role policy). Tests may override it for pure protocol tests.
 */
export const COLLAB_AUTHENTICATOR = Symbol('COLLAB_AUTHENTICATOR');
