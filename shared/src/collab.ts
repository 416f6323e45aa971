/**
 * Close codes of the collaboration socket. Rate limits do not close: an update over the
 * per-user write limit is dropped and the client resynced; awareness over its limit is dropped. 4400–4499 make the stock y-websocket client stop
 * reconnecting, which is what we want for every refusal below.
 */
export const CollabCloseCode = {
  MALFORMED: 4400,
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  TOO_LARGE: 4413,
  /** The server is shutting down; the client should reconnect. */
  GOING_AWAY: 1001,
} as const;
export type CollabCloseCode = (typeof CollabCloseCode)[keyof typeof CollabCloseCode];

/** The Tiptap content lives in this Y.XmlFragment of each document. */
export const COLLAB_FRAGMENT = 'default';

/** Awareness fields a client may set about itself; `user` is the server's. */
export const CLIENT_AWARENESS_FIELDS = ['cursor', 'selection'] as const;
