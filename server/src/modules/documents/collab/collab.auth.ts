import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { CollabCloseCode } from '@coalesce/shared';
import { DocumentsService } from '../documents.service';

export type CollabAuthResult =
  | {
      ok: true;
      userId: string;
      workspaceId: string;
      /** Observers: their document updates are dropped, their awareness is relayed. */
      readOnly: boolean;
      name?: string;
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
  authenticate(req: IncomingMessage, documentId: string): Promise<CollabAuthResult>;
}

/** Provide the real authenticator under this token (see DocumentsModule). */
export const COLLAB_AUTHENTICATOR = Symbol('COLLAB_AUTHENTICATOR');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * FALLBACK ONLY, until accounts land: checks that the document exists (4404 otherwise) and
 * lets everyone write. `?token=` is NOT verified; the user id is a placeholder.
 */
@Injectable()
export class DocumentExistsAuthenticator implements CollabAuthenticator {
  constructor(private readonly documents: DocumentsService) {}

  async authenticate(_req: IncomingMessage, documentId: string): Promise<CollabAuthResult> {
    if (!UUID.test(documentId)) return { ok: false, code: CollabCloseCode.NOT_FOUND };
    const doc = await this.documents.findById(documentId.toLowerCase());
    if (!doc) return { ok: false, code: CollabCloseCode.NOT_FOUND };
    return {
      ok: true,
      userId: 'unverified',
      workspaceId: doc.workspaceId,
      readOnly: false,
    };
  }
}
