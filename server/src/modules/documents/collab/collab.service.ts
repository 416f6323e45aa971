import type { IncomingMessage } from 'node:http';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { CollabCloseCode, LIMITS } from '@coalesce/shared';
import type { RawData, WebSocket } from 'ws';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { logger } from '../../../common/logging/logger';
import { metrics, reportCollabStats } from '../../../common/metrics/metrics';
import { CollabDocument, CollabConnection, type CollabIdentity } from './collab-document';
import { CollabPersistenceService } from './collab-persistence.service';
import { CollabRelayService } from './collab-relay.service';
import {
  type ClientMessage,
  CollabProtocolError,
  decodeClientMessage,
  encodeSyncStep1,
  plainBytes,
} from './collab-protocol.util';
import {
  COLLAB_AUTHENTICATOR,
  type CollabAuthHooks,
  type CollabAuthenticator,
} from './collab.auth';
import { newCollabCounters, TokenBucket } from './collab-limits.util';
import { warmUpYjs } from './collab-warmup';
import { COLLAB_OPTIONS, type CollabOptions, resolveCollabOptions } from './collab.options';
import { isCanonicalUuid } from '../../../common/validation/uuid.util';
import { clock } from '../../../common/clock/clock';
import { DocumentEditsRepository } from '../document-edits.repository';

/** Canonical ids only (lower case): another spelling would be a second live copy. */

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return plainBytes(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return plainBytes(data);
}

/** An access change that arrived while sockets were still authenticating (see `replay`). */
interface AccessChange {
  seq: number;
  match: (id: { userId: string; workspaceId: string; sessionId?: string }) => boolean;
  apply: (conn: CollabConnection) => void;
}

/**
 * The live side of collaboration: authenticates each socket before anything is sent, keeps one
 * in-memory CollabDocument per open document (loaded from the log, unloaded when idle), routes
 * protocol messages, and lets membership changes close or downgrade live connections.
 */
@Injectable()
export class CollabService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly options: CollabOptions;
  /** What the limits did (tests, metrics). */
  readonly counters = newCollabCounters();
  private readonly documents = new Map<string, CollabDocument>();
  private readonly loading = new Map<string, Promise<CollabDocument>>();
  /** Every socket, also those still authenticating. */
  private readonly connections = new Set<CollabConnection>();
  private readonly unloadWaiters = new Map<string, (() => void)[]>();
  /** Per-user document-update buckets, while the user has sockets here. */
  private readonly writers = new Map<
    string,
    { rate: { messages: TokenBucket; bytes: TokenBucket }; sockets: number }
  >();
  /**
   * Access changes seen while at least one socket was authenticating: its authenticator may
   * have read the membership just before the change, so the change is replayed onto it once
   * its identity is known (otherwise a user removed mid-handshake would keep writing).
   */
  private authenticating = 0;
  private changeSeq = 0;
  private recentChanges: AccessChange[] = [];

  constructor(
    private readonly persistence: CollabPersistenceService,
    @Inject(COLLAB_AUTHENTICATOR) private readonly authenticator: CollabAuthenticator,
    @Optional() @Inject(COLLAB_OPTIONS) options?: Partial<CollabOptions>,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
    @Optional() private readonly relay?: CollabRelayService,
    @Optional() private readonly edits?: DocumentEditsRepository,
  ) {
    this.options = resolveCollabOptions(options, config);
    this.unreport = reportCollabStats(() => this.stats());
  }

  private readonly unreport: () => void;

  /**
   * Start-up warm-up, before the server listens (Nest runs this hook inside `listen`): opens
   * database connections and runs the authentication lookups, a document load and the Yjs
   * code once, so the first document opened after a restart costs what it costs in a warm
   * process. Best effort: a failure is logged and the start goes on.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.warmUp) return;
    const start = Date.now();
    try {
      warmUpYjs();
      await Promise.all([this.persistence.warmUp(), this.authenticator.warmUp?.()]);
      logger.debug({ ms: Date.now() - start }, 'collab: warmed up');
    } catch (err) {
      logger.warn({ err }, 'collab: warm-up failed');
    }
  }

  get settings(): Readonly<CollabOptions> {
    return this.options;
  }

  /**
   * Called by the gateway for each upgraded `/collab/:documentId` socket, not being read: once
   * attached, `preAuth.authenticated` ends the gateway's pre-authentication limits and
   * `preAuth.read` starts reading it (frames that came with the upgrade first, in order). A
   * socket that never attached (refused, timed out, or its document failed to load) is handed
   * back through `preAuth.refused` once its close frame went out, and is never read. Without
   * `preAuth`, the socket is resumed either way.
   */
  handleConnection(
    ws: WebSocket,
    req: IncomingMessage,
    rawDocumentId: string,
    preAuth?: { authenticated(): void; read(): void; refused(): void },
  ): void {
    const conn = new CollabConnection(ws, rawDocumentId, this.options.maxBufferedBytes);
    const o = this.options;
    // Bursts of twice the rate: a caret dragged across a paragraph, then quiet.
    conn.awarenessRate = {
      messages: new TokenBucket(o.awarenessPerSecond, 2 * o.awarenessPerSecond),
      bytes: new TokenBucket(o.awarenessBytesPerSecond, 2 * o.awarenessBytesPerSecond),
    };
    this.connections.add(conn);
    let doc: CollabDocument | null = null;
    let closed = false;
    let queued: Uint8Array[] = [];
    let queuedBytes = 0;

    ws.on('error', (err) => {
      logger.debug({ err, documentId: rawDocumentId }, 'collab: socket error');
    });
    ws.on('message', (data, isBinary) => {
      // Closing (cut after attaching): whatever still arrives is read only to finish the
      // handshake.
      if (!conn.open) return;
      if (!isBinary) return conn.close(CollabCloseCode.MALFORMED, 'text frames are not accepted');
      // ws already refused frames over LIMITS.collabFrameMaxBytes (maxPayload) with 4413.
      const frame = toBytes(data);
      if (!doc) {
        queued.push(frame);
        queuedBytes += frame.byteLength;
        if (
          queued.length > this.options.preAuthMaxMessages ||
          queuedBytes > this.options.preAuthMaxBytes
        ) {
          conn.close(CollabCloseCode.TOO_LARGE, 'too much data before authentication');
        }
        return;
      }
      this.dispatch(doc, conn, frame);
    });
    ws.on('close', () => {
      closed = true;
      queued = [];
      this.connections.delete(conn);
      if (conn.resyncTimer) clearTimeout(conn.resyncTimer);
      if (conn.writeRate && conn.identity) this.releaseWriter(conn.identity.userId);
      if (doc) {
        doc.detach(conn);
        this.release(doc);
      }
    });

    // The document is loaded while the membership is checked (see CollabAuthHooks): this holds
    // it until the socket attaches, or is released if it does not.
    const documentId = rawDocumentId.toLowerCase();
    let prefetched: Promise<CollabDocument> | undefined;
    let settled = false;
    let attached = false;
    const hooks: CollabAuthHooks = {
      documentFound: (id) => {
        if (prefetched || settled || closed || id !== documentId) return;
        prefetched = this.acquire(id);
        prefetched.catch(() => undefined); // awaited (or released) below
      },
    };

    const since = this.changeSeq;
    this.authenticating++;
    let authenticating = true;
    const authenticated = () => {
      if (!authenticating) return;
      authenticating = false;
      if (--this.authenticating === 0) this.recentChanges = [];
    };
    void (async () => {
      try {
        const result = await withTimeout(
          this.authenticator.authenticate(req, rawDocumentId, hooks),
          this.options.authTimeoutMs,
        );
        if (closed) return;
        if (!result.ok) return conn.close(result.code, 'refused');
        if (!isCanonicalUuid(rawDocumentId))
          return conn.close(CollabCloseCode.NOT_FOUND, 'refused');
        conn.identity = {
          userId: result.userId,
          workspaceId: result.workspaceId,
          ...(result.name ? { name: result.name } : {}),
          ...(result.sessionId ? { sessionId: result.sessionId } : {}),
        };
        conn.readOnly = result.readOnly;
        conn.writeRate = this.acquireWriter(result.userId);
        this.replay(conn, since);
        authenticated();
        if (!conn.open) return;
        attached = true;
        const loaded = await (prefetched ?? this.acquire(documentId));
        if (closed) return this.release(loaded);
        doc = loaded;
        loaded.attach(conn);
        preAuth?.authenticated();
        const frames = queued;
        queued = [];
        for (const frame of frames) {
          if (!conn.open) break;
          this.dispatch(loaded, conn, frame);
        }
      } catch (err) {
        logger.error({ err, documentId: rawDocumentId }, 'collab: could not open the document');
        conn.close(1011, 'server error');
      } finally {
        // Attached: read its frames from now on.
        if (!preAuth) ws.resume();
        else if (doc) preAuth.read();
        else preAuth.refused();
        settled = true;
        authenticated();
        if (prefetched && !attached) {
          prefetched.then(
            (d) => this.release(d),
            () => undefined,
          );
        }
      }
    })();
  }

  /** Applies the access changes that happened since `since` to a just-identified socket. */
  private replay(conn: CollabConnection, since: number): void {
    for (const change of this.recentChanges) {
      if (change.seq <= since || !conn.identity || !change.match(conn.identity)) continue;
      change.apply(conn);
    }
  }

  private applyAccess(conn: CollabConnection, access: 'write' | 'read' | null): void {
    // Read-only first: frames already received while the close handshake runs are dropped.
    if (access === null) {
      conn.readOnly = true;
      conn.close(CollabCloseCode.FORBIDDEN, 'access revoked');
    } else conn.readOnly = access === 'read';
  }

  /** Applies a change to every identified socket it matches (and remembers it, see above). */
  private change(match: AccessChange['match'], apply: AccessChange['apply']): number {
    this.changeSeq++;
    if (this.authenticating > 0) this.recentChanges.push({ seq: this.changeSeq, match, apply });
    let n = 0;
    for (const conn of this.connections) {
      if (!conn.identity || !match(conn.identity)) continue;
      n++;
      apply(conn);
    }
    return n;
  }

  private acquireWriter(userId: string) {
    let w = this.writers.get(userId);
    if (!w) {
      const o = this.options;
      w = {
        rate: {
          messages: new TokenBucket(o.updatesPerSecond, 2 * o.updatesPerSecond),
          // One frame of the largest size always passes once the bucket is full.
          bytes: new TokenBucket(
            o.updateBytesPerSecond,
            Math.max(2 * o.updateBytesPerSecond, LIMITS.collabFrameMaxBytes),
          ),
        },
        sockets: 0,
      };
      this.writers.set(userId, w);
    }
    w.sockets++;
    return w.rate;
  }

  private releaseWriter(userId: string): void {
    const w = this.writers.get(userId);
    if (w && --w.sockets <= 0) this.writers.delete(userId);
  }

  /**
   * The per-user write limit: an update over it is dropped (not stored, not relayed) and the
   * socket is sent our sync step 1 once the user's bucket has room again; the client answers
   * with everything we lack, the dropped updates included (y-websocket's ordinary resync). No
   * close: an honest burst (a paste storm, a reconnect) only arrives later.
   */
  private overWriteLimit(
    doc: CollabDocument,
    conn: CollabConnection,
    message: ClientMessage,
    bytes: number,
  ): boolean {
    if (message.kind !== 'update' && message.kind !== 'sync-step2') return false;
    const rate = conn.writeRate;
    if (!rate || conn.readOnly || message.empty) return false;
    const wait = Math.max(rate.messages.waitMs(1), rate.bytes.waitMs(bytes));
    if (wait === 0 && rate.messages.take(1) && rate.bytes.take(bytes)) return false;
    this.counters.updatesDropped++;
    metrics.collabDropped.inc({ kind: 'update' });
    if (!conn.resyncTimer) {
      conn.resyncTimer = setTimeout(
        () => {
          conn.resyncTimer = undefined;
          if (doc.connections.has(conn)) conn.send(encodeSyncStep1(doc.doc));
        },
        Math.max(wait, 50),
      );
    }
    return true;
  }

  /** Day (UTC) of `editsNoted`; the set starts again each day. */
  private editDay = '';
  /** `documentId userId` pairs already recorded today by this instance. */
  private readonly editsNoted = new Set<string>();

  /**
   * Records that a person wrote in a document today (see DocumentEditEntity): the first update of
   * the day per (document, person) on this instance costs one idempotent INSERT, the rest
   * nothing. Off the update's path: the update is committed already; a failed note is retried
   * with that person's next update.
   */
  private noteEdit(documentId: string, userId: string): void {
    if (!this.edits) return;
    const day = clock.now().toISOString().slice(0, 10);
    if (day !== this.editDay) {
      this.editDay = day;
      this.editsNoted.clear();
    }
    const key = `${documentId} ${userId}`;
    if (this.editsNoted.has(key)) return;
    this.editsNoted.add(key);
    this.edits.record(documentId, userId, day).catch((err: unknown) => {
      this.editsNoted.delete(key);
      logger.warn({ err, documentId }, 'collab: could not note an edit');
    });
  }

  private dispatch(doc: CollabDocument, conn: CollabConnection, frame: Uint8Array): void {
    this.counters.frames++;
    let pending: Promise<void> | undefined;
    try {
      const message = decodeClientMessage(frame);
      if (this.overWriteLimit(doc, conn, message, frame.byteLength)) return;
      pending = doc.receive(conn, message);
      const author = conn.identity?.userId;
      if (pending && author && (message.kind === 'update' || message.kind === 'sync-step2')) {
        // Noted once committed (a refused or unstored update is nobody's writing).
        pending.then(
          () => this.noteEdit(doc.id, author),
          () => undefined,
        );
      }
    } catch (err) {
      logger.debug({ err, documentId: doc.id }, 'collab: malformed message');
      return conn.close(CollabCloseCode.MALFORMED, 'malformed message');
    }
    pending?.catch((err: unknown) => {
      if (err instanceof CollabProtocolError) {
        logger.warn({ err, documentId: doc.id }, 'collab: update refused by Yjs');
        conn.close(CollabCloseCode.MALFORMED, 'malformed update');
      } else {
        // Not stored: the client resends it when it resyncs after reconnecting.
        logger.error({ err, documentId: doc.id }, 'collab: could not store an update');
        conn.close(1011, 'could not store the update');
      }
    });
  }

  /**
   * Membership changed: `null` closes the user's live sockets in that workspace with 4403,
   * 'read' makes them observers (updates dropped from now on), 'write' lets them write again.
   * Returns the number of sockets affected.
   */
  closeOrDowngrade(userId: string, workspaceId: string, role: 'write' | 'read' | null): number {
    return this.change(
      (id) => id.userId === userId && id.workspaceId === workspaceId,
      (conn) => this.applyAccess(conn, role),
    );
  }

  /** A session was revoked (logout): its sockets close with 4401, as its token now would. */
  closeSession(sessionId: string): number {
    return this.change(
      (id) => id.sessionId === sessionId,
      (conn) => {
        conn.readOnly = true;
        conn.close(CollabCloseCode.UNAUTHENTICATED, 'session revoked');
      },
    );
  }

  /** Who is on the identified sockets of this instance (to re-check their access). */
  identities(): CollabIdentity[] {
    const out: CollabIdentity[] = [];
    for (const conn of this.connections) if (conn.identity && conn.open) out.push(conn.identity);
    return out;
  }

  /**
   * Runs `fn` with the document loaded (the live copy when clients are connected). Used by
   * versions, restore and export; the document stays in memory while `fn` runs.
   */
  async withDocument<T>(
    documentId: string,
    fn: (doc: CollabDocument) => T | Promise<T>,
  ): Promise<T> {
    const doc = await this.acquire(documentId);
    try {
      // With several instances the in-memory copy may lag what another one committed.
      await this.relay?.catchUp(documentId);
      return await fn(doc);
    } finally {
      this.release(doc);
    }
  }

  /** Stores a server-made update (e.g. a restore) and sends it to every connected client. */
  applyUpdate(documentId: string, update: Uint8Array): Promise<void> {
    return this.withDocument(documentId, (doc) => doc.ingest(update, null));
  }

  isLoaded(documentId: string): boolean {
    return this.documents.has(documentId);
  }

  stats(): { documents: number; connections: number } {
    return { documents: this.documents.size, connections: this.connections.size };
  }

  private async acquire(documentId: string): Promise<CollabDocument> {
    let doc = this.documents.get(documentId);
    if (!doc) {
      let loading = this.loading.get(documentId);
      if (!loading) {
        loading = this.persistence
          .loadWithState(documentId)
          .then(({ doc: ydoc, state, head }) => {
            const loaded = new CollabDocument(
              documentId,
              ydoc,
              (u) => this.persistence.append(documentId, u),
              state,
              {
                maxStateBytes: this.options.awarenessMaxStateBytes,
                maxClientIdsPerConnection: 4,
              },
              this.counters,
            );
            this.documents.set(documentId, loaded);
            this.relay?.attach(loaded, head);
            return loaded;
          })
          .finally(() => this.loading.delete(documentId));
        this.loading.set(documentId, loading);
      }
      doc = await loading;
    }
    // No macrotask ran since the lookup, so an unload cannot slip in before this ref.
    doc.refs++;
    if (doc.unloadTimer) {
      clearTimeout(doc.unloadTimer);
      doc.unloadTimer = undefined;
    }
    return doc;
  }

  private release(doc: CollabDocument): void {
    doc.refs--;
    if (doc.refs <= 0) this.scheduleUnload(doc);
  }

  private scheduleUnload(doc: CollabDocument): void {
    if (doc.unloadTimer) clearTimeout(doc.unloadTimer);
    doc.unloadTimer = setTimeout(() => {
      doc.unloadTimer = undefined;
      if (doc.refs > 0 || this.documents.get(doc.id) !== doc) return;
      if (doc.writesInFlight > 0) {
        // Unload only once everything it accepted is stored.
        void doc.idle().then(() => {
          if (doc.refs <= 0) this.scheduleUnload(doc);
        });
        return;
      }
      this.unload(doc);
    }, this.options.unloadDelayMs);
    doc.unloadTimer.unref();
  }

  /** Resolves once `documentId` is no longer in memory. */
  unloaded(documentId: string): Promise<void> {
    if (!this.documents.has(documentId) && !this.loading.has(documentId)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.unloadWaiters.get(documentId) ?? [];
      list.push(resolve);
      this.unloadWaiters.set(documentId, list);
    });
  }

  private unload(doc: CollabDocument): void {
    this.documents.delete(doc.id);
    this.relay?.detach(doc.id);
    doc.destroy();
    const waiters = this.unloadWaiters.get(doc.id);
    this.unloadWaiters.delete(doc.id);
    waiters?.forEach((w) => w());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unreport();
    for (const conn of this.connections)
      conn.close(CollabCloseCode.GOING_AWAY, 'server shutting down');
    await Promise.all([...this.loading.values()].map((p) => p.catch(() => undefined)));
    await Promise.all([...this.documents.values()].map((d) => d.idle()));
    for (const doc of [...this.documents.values()]) this.unload(doc);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
