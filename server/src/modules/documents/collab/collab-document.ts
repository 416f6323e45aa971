import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { pickColor, preferredColor, type CollabCloseCode } from '@coalesce/shared';
import { metrics } from '../../../common/metrics/metrics';
import {
  type AwarenessLimits,
  boundEntries,
  encodeAwarenessEntries,
} from './collab-awareness.util';
import { type CollabCounters, newCollabCounters, type TokenBucket } from './collab-limits.util';
import {
  type ClientMessage,
  CollabProtocolError,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2FromUpdate,
  encodeUpdate,
  isEmptyStateVector,
} from './collab-protocol.util';

export interface CollabIdentity {
  userId: string;
  workspaceId: string;
  name?: string;
  /** The auth session, so that revoking it (logout) closes this socket. */
  sessionId?: string;
}

/** One client socket on one document. */
export class CollabConnection {
  identity: CollabIdentity | null = null;
  readOnly = true;
  /** Awareness client ids this socket announced, removed when it leaves. */
  readonly awarenessClients = new Set<number>();
  /** Awareness and awareness queries from this socket: over either bucket, dropped. */
  awarenessRate: { messages: TokenBucket; bytes: TokenBucket } | null = null;
  /** The user's document-update buckets (shared by their sockets on this instance). */
  writeRate: { messages: TokenBucket; bytes: TokenBucket } | null = null;
  /**
   * The newest presence that came over the rate, delivered once the bucket allows: dropping it
   * would leave this person's caret where it was a moment ago on everyone else's screen.
   */
  pendingAwareness: Extract<ClientMessage, { kind: 'awareness' }> | undefined;
  pendingAwarenessTimer: NodeJS.Timeout | undefined;
  /** Its caret colour here, given on its first presence and kept while it stays. */
  color: string | undefined;
  /** A resync asked for after dropping this socket's updates (see CollabService). */
  resyncTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly documentId: string,
    private readonly maxBufferedBytes: number,
  ) {}

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      // Too slow to follow: dropping messages would desync it, so cut it; it resyncs on reconnect.
      this.ws.terminate();
      return;
    }
    // No per-message callback: a failed write errors the socket, which ws then closes (and the
    // close detaches this connection), so one closure per reader per update bought nothing.
    this.ws.send(message);
  }

  /**
   * The same message as `send`, framed beforehand (see `BroadcastFrame`): one `write` of one
   * Buffer shared by every reader, instead of ws framing it again for each (a header Buffer, two
   * writes corked into a writev, and the option objects around them).
   */
  sendFrame(frame: BroadcastFrame): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.ws.terminate();
      return;
    }
    const socket = rawSocket(this.ws);
    if (socket) socket.write(frame.frame);
    else this.ws.send(frame.payload);
  }

  close(code: CollabCloseCode | 1011, reason = ''): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason.slice(0, 120));
    }
  }
}

/**
 * A document in memory: the Y.Doc holding only COMMITTED updates, its awareness, its sockets.
 * Updates from clients go through `ingest`: stored first (`persist`), applied to the Y.Doc and
 * fanned out to the other sockets only after the commit.
 */
export class CollabDocument {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<CollabConnection>();
  /** Sockets plus in-progress HTTP operations holding the document in memory. */
  refs = 0;
  private pendingWrites = 0;
  private idleWaiters: (() => void)[] = [];
  unloadTimer: NodeJS.Timeout | undefined;
  /**
   * The whole document as one update (what a client with nothing gets in sync step 2), kept
   * until the next change: from the snapshot at load, else encoded on first use.
   */
  private fullState: Uint8Array | null;

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    private readonly persist: (update: Uint8Array) => Promise<void>,
    fullState: Uint8Array | null = null,
    private readonly awarenessLimits: AwarenessLimits = DEFAULT_AWARENESS_LIMITS,
    private readonly counters: CollabCounters = newCollabCounters(),
  ) {
    this.fullState = fullState;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    this.fullState = null;
    if (this.connections.size === 0) return;
    // Encoded and framed once, for every reader.
    const frame = broadcastFrame(encodeUpdate(update));
    for (const c of this.connections) if (c !== origin) c.sendFrame(frame);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin instanceof CollabConnection) {
      added.forEach((id) => origin.awarenessClients.add(id));
      removed.forEach((id) => origin.awarenessClients.delete(id));
    }
    const changed = added.concat(updated, removed);
    if (!changed.length || this.connections.size === 0) return;
    const frame = broadcastFrame(
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
    );
    for (const c of this.connections) c.sendFrame(frame);
  };

  /** The server's own id, or an id another socket on this document announced. */
  /**
   * The user's usual colour unless someone already present here shows it (or one close to it):
   * then the palette colour farthest from theirs. The server decides, so peers cannot pick one
   * another's colour, and the first to arrive keeps theirs.
   */
  private colorFor(conn: CollabConnection, userId: string): string {
    const peers = [...this.connections].flatMap((c, i) =>
      c !== conn && c.color ? [{ clientId: i, since: 0, color: c.color }] : [],
    );
    return pickColor(preferredColor(userId), { clientId: -1, since: 1 }, peers);
  }

  private ownedElsewhere(clientId: number, conn: CollabConnection): boolean {
    if (clientId === this.doc.clientID) return true;
    for (const c of this.connections)
      if (c !== conn && c.awarenessClients.has(clientId)) return true;
    return false;
  }

  get writesInFlight(): number {
    return this.pendingWrites;
  }

  /** Starts the standard handshake: our state vector, then everyone's presence. */
  attach(conn: CollabConnection): void {
    this.connections.add(conn);
    conn.send(encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      conn.send(
        encodeAwareness(
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]),
        ),
      );
    }
  }

  detach(conn: CollabConnection): void {
    clearTimeout(conn.pendingAwarenessTimer);
    conn.pendingAwareness = undefined;
    if (!this.connections.delete(conn)) return;
    if (conn.awarenessClients.size) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null);
    }
  }

  /**
   * Handles one decoded client message. Returns the pending store of a document update (so the
   * caller can react to a failure), or undefined.
   */
  receive(conn: CollabConnection, message: ClientMessage): Promise<void> | undefined {
    switch (message.kind) {
      case 'sync-step1':
        if (isEmptyStateVector(message.stateVector)) {
          // A client with nothing (every first open): the whole state, encoded at most once
          // per change of the document, however many clients join.
          this.fullState ??= Y.encodeStateAsUpdate(this.doc);
          conn.send(encodeSyncStep2FromUpdate(this.fullState));
        } else {
          conn.send(encodeSyncStep2(this.doc, message.stateVector));
        }
        return undefined;
      case 'sync-step2':
      case 'update':
        // Observers: dropped — neither applied, stored nor broadcast; the socket stays open.
        if (conn.readOnly || message.empty) return undefined;
        return this.ingest(message.update, conn);
      case 'awareness': {
        if (!conn.identity) return undefined;
        if (!admit(conn, message.update.byteLength)) {
          this.counters.awarenessDropped++;
          metrics.collabDropped.inc({ kind: 'awareness' });
          // Over the rate: only the newest state waits (one per socket, replaced by later ones).
          conn.pendingAwareness = message;
          conn.pendingAwarenessTimer ??= setTimeout(() => {
            conn.pendingAwarenessTimer = undefined;
            const pending = conn.pendingAwareness;
            conn.pendingAwareness = undefined;
            if (pending && conn.open && this.connections.has(conn)) this.receive(conn, pending);
          }, AWARENESS_RETRY_MS);
          return undefined;
        }
        conn.color ??= this.colorFor(conn, conn.identity.userId);
        const { entries, claimed } = boundEntries(
          message.entries,
          { ...conn.identity, color: conn.color },
          {
            mine: conn.awarenessClients,
            takenElsewhere: (clientId) => this.ownedElsewhere(clientId, conn),
          },
          this.awarenessLimits,
        );
        if (!entries.length) return undefined;
        claimed.forEach((clientId) => conn.awarenessClients.add(clientId));
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          encodeAwarenessEntries(entries),
          conn,
        );
        return undefined;
      }
      case 'query-awareness': {
        // Every answer carries everyone's presence: limited like the updates themselves.
        if (!admit(conn, 1)) {
          this.counters.awarenessDropped++;
          metrics.collabDropped.inc({ kind: 'awareness' });
          return undefined;
        }
        const states = this.awareness.getStates();
        conn.send(
          encodeAwareness(
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]),
          ),
        );
        return undefined;
      }
    }
  }

  /**
   * Commit, then apply and fan out (to everyone but `origin`). Commits resolve in queue order,
   * so updates are applied in the order they arrived. `persist` replaces the update log's group
   * commit for a server-made change that must commit together with other rows (a restore and
   * its activity event). Rejects with the storage error, or with
   * `CollabProtocolError` if Yjs refused the (already validated) update.
   */
  async ingest(
    update: Uint8Array,
    origin: CollabConnection | null,
    persist: (update: Uint8Array) => Promise<void> = this.persist,
  ): Promise<void> {
    this.pendingWrites++;
    try {
      await persist(update);
      try {
        // Also when Yjs only holds it as pending (no 'update' event): the cache must not miss it.
        this.fullState = null;
        Y.applyUpdate(this.doc, update, origin);
      } catch (err) {
        throw new CollabProtocolError('update could not be applied', { cause: err });
      }
    } finally {
      this.pendingWrites--;
      if (this.pendingWrites === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        waiters.forEach((w) => w());
      }
    }
  }

  /** Resolves when no write of this document is in flight. */
  idle(): Promise<void> {
    if (this.pendingWrites === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  destroy(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

const DEFAULT_AWARENESS_LIMITS: AwarenessLimits = {
  maxStateBytes: 4096,
  maxClientIdsPerConnection: 4,
};

/** Takes one message and `bytes` from the socket's awareness buckets (none: no limit). */
/** How soon a presence held back by the rate limit is tried again. */
const AWARENESS_RETRY_MS = 100;

function admit(conn: CollabConnection, bytes: number): boolean {
  const rate = conn.awarenessRate;
  if (!rate) return true;
  // Both are checked before either is charged, so a refused message costs nothing.
  if (rate.messages.waitMs(1) > 0 || rate.bytes.waitMs(bytes) > 0) return false;
  return rate.messages.take(1) && rate.bytes.take(bytes);
}

/** A server → client WebSocket message: its payload, and the whole frame carrying it. */
export interface BroadcastFrame {
  payload: Buffer;
  /** FIN + binary opcode, the length, the payload: server frames are not masked. */
  frame: Buffer;
}

export function broadcastFrame(message: Uint8Array): BroadcastFrame {
  const n = message.byteLength;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x82;
  if (n < 126) frame[1] = n;
  else if (n < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    frame.writeUInt32BE(n >>> 0, 6);
  }
  frame.set(message, head);
  return { payload: frame.subarray(head), frame };
}

/** ws internals read by `rawSocket` (ws 8, pinned in package.json). */
interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean } | null;
  _sender?: { _state?: number; _queue?: unknown[] } | null;
  _extensions?: Record<string, unknown>;
}

/**
 * The socket under a ws WebSocket, when a frame may be written to it directly: ws's sender is
 * idle with nothing queued (so the frame cannot overtake one of its own) and no extension
 * (compression) rewrites frames. Otherwise null, and the caller goes through `ws.send`.
 */
function rawSocket(ws: WebSocket): { write(chunk: Buffer): boolean } | null {
  const w = ws as unknown as WsInternals;
  const sender = w._sender;
  if (!w._socket || !sender || sender._state !== 0 || sender._queue?.length !== 0) return null;
  if (w._extensions?.['permessage-deflate']) return null;
  return w._socket;
}
