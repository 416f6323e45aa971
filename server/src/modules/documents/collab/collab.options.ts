import type { AppConfig } from '../../../config/config';

/** Tunables of the collaboration subsystem; tests provide smaller values under COLLAB_OPTIONS. */
export interface CollabOptions {
  /** Squash a document's update log into its snapshot once this many rows are unsquashed. */
  squashEveryUpdates: number;
  /** …or once no update arrived for this long. */
  squashIdleMs: number;
  /** On graceful shutdown, squash documents with log rows for at most this long. */
  shutdownSquashMs: number;
  /** Warm up (database connections, lookups, Yjs) at start-up, before listening. */
  warmUp: boolean;
  /** Unload a document from memory this long after its last client left (writes flushed). */
  unloadDelayMs: number;
  /** Ping every client this often; one that did not answer the previous ping is terminated. */
  pingIntervalMs: number;
  /** Authentication must answer within this, else the socket closes with 1011. */
  authTimeoutMs: number;
  /**
   * A socket is not read until it is authenticated; frames that arrive with the upgrade are
   * queued: more than this many closes with 4413.
   */
  preAuthMaxMessages: number;
  /**
   * Bytes one socket may send along with its upgrade request (nothing else is read before it is
   * authenticated, nor ever after a refusal); beyond: HTTP 413.
   */
  preAuthMaxBytes: number;
  /** The same for all sockets still authenticating together; beyond: HTTP 413. */
  preAuthBudgetBytes: number;
  /** Sockets one client address may have authenticating at once; beyond: HTTP 429. */
  preAuthPerAddress: number;
  /** Document updates per second per user, and their bytes; over: dropped, then resynced. */
  updatesPerSecond: number;
  updateBytesPerSecond: number;
  /** Awareness messages (and queries) per second per socket, and their bytes; over: dropped. */
  awarenessPerSecond: number;
  awarenessBytesPerSecond: number;
  /** One awareness state (JSON) over this is dropped. */
  awarenessMaxStateBytes: number;
  /** Group commit: at most this many rows / bytes per INSERT. */
  maxBatchRows: number;
  maxBatchBytes: number;
  /** Updates waiting for the database beyond this are refused (the client resyncs later). */
  maxQueuedBytes: number;
  /** A client whose unsent output exceeds this is too slow to follow and is terminated. */
  maxBufferedBytes: number;
}

export const COLLAB_OPTIONS = Symbol('COLLAB_OPTIONS');

export const DEFAULT_COLLAB_OPTIONS: CollabOptions = {
  squashEveryUpdates: 500,
  squashIdleMs: 5_000,
  shutdownSquashMs: 2_000,
  warmUp: true,
  unloadDelayMs: 2_000,
  pingIntervalMs: 30_000,
  authTimeoutMs: 5_000,
  preAuthMaxMessages: 16,
  preAuthMaxBytes: 16 * 1024,
  preAuthBudgetBytes: 16 * 1024 * 1024,
  preAuthPerAddress: 32,
  updatesPerSecond: 50,
  updateBytesPerSecond: 1024 * 1024,
  awarenessPerSecond: 20,
  awarenessBytesPerSecond: 16 * 1024,
  awarenessMaxStateBytes: 4096,
  maxBatchRows: 500,
  maxBatchBytes: 16 * 1024 * 1024,
  maxQueuedBytes: 256 * 1024 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
};

/** Defaults, then the operator's settings (APP_CONFIG), then a test's COLLAB_OPTIONS. */
export function resolveCollabOptions(
  partial?: Partial<CollabOptions> | null,
  config?: AppConfig | null,
): CollabOptions {
  return { ...DEFAULT_COLLAB_OPTIONS, ...(config?.collab ?? {}), ...(partial ?? {}) };
}
