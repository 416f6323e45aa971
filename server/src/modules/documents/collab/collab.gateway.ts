import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CollabCloseCode, LIMITS } from '@coalesce/shared';
import { WebSocket, WebSocketServer } from 'ws';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { clientAddress, compileTrust } from '../../../common/http/client-address.util';
import { type OriginCheck, originPolicy } from '../../../common/http/origin.util';
import { logger } from '../../../common/logging/logger';
import { CollabService } from './collab.service';
import { PreAuthGate } from './collab-limits.util';
import { COLLAB_OPTIONS, type CollabOptions, resolveCollabOptions } from './collab.options';

/**
 * `/collab/<documentId>` and a query string. Anything after the id (a trailing slash) stays in
 * the captured id, which then fails validation (4404): one spelling per document.
 */
const COLLAB_PATH = /^\/collab\/([^?#]*)(?:[?#]|$)/;

/**
 * ws closes a frame over `maxPayload` with 1009 (reading only its header, never buffering it);
 * the contract says 4413, which also tells the stock client not to resend it forever.
 */
class CollabSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === 1009) super.close(CollabCloseCode.TOO_LARGE, 'frame over the limit');
    else super.close(code, data);
  }
}

/**
 * How long a refused socket stays open after its close frame and FIN (never read meanwhile):
 * enough for the peer to read the close code before the reset that destroying it sends.
 */
const REFUSED_LINGER_MS = 1_000;

/**
 * Stops reading `socket` until something resumes it. `pause()` alone only stops delivering:
 * the handle keeps reading, up to a 64 KiB chunk into the stream's buffer, which for a flood of
 * unauthenticated sockets was ~20 MiB of buffers per 300 sockets, garbage that an idle server
 * may keep for a long time. Node has no public call for this; `resume()` starts the handle
 * again through startReading.
 */
function stopReading(socket: Duplex): void {
  socket.pause();
  const handle = handleOf(socket);
  if (handle?.readStop && handle.reading) {
    handle.reading = false;
    handle.readStop();
  }
}

/** Undoes stopReading (net restarts a stopped handle by itself only for its own pauses). */
function startReading(socket: Duplex): void {
  const handle = handleOf(socket);
  if (handle?.readStart && !handle.reading && !socket.destroyed) {
    handle.reading = true;
    handle.readStart();
  }
}

interface StreamHandle {
  reading?: boolean;
  readStart?: () => number;
  readStop?: () => number;
}
const handleOf = (socket: Duplex) => (socket as { _handle?: StreamHandle })._handle;

/** An upgrade refused before the websocket handshake (the raw socket still speaks HTTP). */
function refuseUpgrade(socket: Duplex, status: number, text: string, retryAfter?: number): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n` +
      (retryAfter ? `Retry-After: ${retryAfter}\r\n` : '') +
      '\r\n',
    () => socket.destroy(),
  );
}

/**
 * Mounts the y-websocket endpoint on the Nest HTTP server: only upgrades under `/collab/` are
 * taken (engine.io keeps `/socket.io`). ws's `maxPayload` is the contract's frame limit.
 *
 * Before authentication a socket is not read (its frames stay in the kernel, the client is held
 * by TCP flow control), at most `preAuthPerAddress` sockets per client address may be in that
 * state (more: HTTP 429), and what arrived with the upgrade request (`head`) counts against a
 * per-socket and a global budget (over: HTTP 413). A refused socket is never read: close frame,
 * FIN, destroyed after a short linger.
 */
@Injectable()
export class CollabGateway implements OnApplicationBootstrap, OnModuleDestroy {
  private wss: WebSocketServer | undefined;
  private server: Server | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private readonly options: CollabOptions;
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly trust: ReturnType<typeof compileTrust>;
  private readonly originAllowed: OriginCheck;
  readonly preAuth: PreAuthGate;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly collab: CollabService,
    @Optional() @Inject(COLLAB_OPTIONS) options?: Partial<CollabOptions>,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.options = resolveCollabOptions(options, config);
    this.trust = compileTrust(config?.http.trustProxy ?? false);
    this.originAllowed = config ? originPolicy(config) : () => true;
    this.preAuth = new PreAuthGate({
      maxBytesPerSocket: this.options.preAuthMaxBytes,
      budgetBytes: this.options.preAuthBudgetBytes,
      maxPerAddress: this.options.preAuthPerAddress,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    this.server = server;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: LIMITS.collabFrameMaxBytes,
      perMessageDeflate: false,
      WebSocket: CollabSocket,
      // ws ≥ 8.19 (not yet in @types/ws): a peer that does not answer our close frame is cut.
      ...({ closeTimeout: 5_000 } as object),
    });
    server.on('upgrade', this.onUpgrade);
    this.pingTimer = setInterval(() => this.ping(), this.options.pingIntervalMs);
    this.pingTimer.unref();
    if (this.options.warmUp) {
      await this.warmUpUpgrade().catch((err: unknown) =>
        logger.warn({ err }, 'collab: upgrade warm-up failed'),
      );
    }
  }

  /**
   * One loopback socket through the whole upgrade path (HTTP parser, ws handshake, the
   * service, the authenticator refusing a bogus token) on a private listener, before the
   * server listens: the first real client after a restart then runs warm code.
   */
  private async warmUpUpgrade(): Promise<void> {
    const probe = createServer();
    probe.on('upgrade', this.onUpgrade);
    try {
      await new Promise<void>((resolve, reject) => {
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', resolve);
      });
      const { port } = probe.address() as AddressInfo;
      await new Promise<void>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/collab/${randomUUID()}?token=warm.up`);
        const timer = setTimeout(() => {
          ws.terminate();
          resolve();
        }, 2_000);
        ws.on('error', () => undefined);
        ws.on('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    } finally {
      probe.closeAllConnections();
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    }
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const match = COLLAB_PATH.exec(req.url ?? '');
    if (!match || !this.wss) return;
    // Before anything else: what the client sent beyond the request (`head`) is all that is
    // read until it is authenticated. Paused before ws adds its 'data' listener, which would
    // otherwise resume it.
    stopReading(socket);
    let documentId: string;
    try {
      documentId = decodeURIComponent(match[1]!);
    } catch {
      documentId = '';
    }
    // A page on another origin may not ride on the user's session cookie.
    if (!this.originAllowed(req.headers.origin, req.headers.host)) {
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    const ticket = this.preAuth.admit(clientAddress(req, this.trust));
    if (!ticket) return refuseUpgrade(socket, 429, 'Too Many Requests', 1);
    socket.once('close', () => ticket.settle());
    if (!ticket.charge(head.length)) {
      ticket.settle();
      return refuseUpgrade(socket, 413, 'Payload Too Large');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // Still not reading (see stopReading): `read` below, once attached. `head` (charged
      // above) is all this socket delivered before that.
      ws.pause();
      this.alive.set(ws, true);
      ws.on('pong', () => this.alive.set(ws, true));
      ws.on('message', () => this.alive.set(ws, true));
      this.collab.handleConnection(ws, req, documentId, {
        authenticated: () => ticket.settle(),
        read: () => {
          ws.resume();
          startReading(socket);
        },
        refused: () => {
          // Its close frame is written: a FIN follows it, and the socket is never read again
          // (whatever the peer sends stays in the kernel until the socket is destroyed, so a
          // refused flood allocates nothing here). The peer's own close frame is not waited
          // for; the short linger lets it read ours before the reset that closing a socket
          // with unread data sends. The ticket (its address slot) goes when the socket does.
          socket.end();
          const linger = setTimeout(() => socket.destroy(), REFUSED_LINGER_MS);
          linger.unref();
          socket.once('close', () => clearTimeout(linger));
        },
      });
    });
  };

  /** Keepalive: a peer that did not answer the previous ping is dead and is terminated. */
  private ping(): void {
    for (const ws of this.wss?.clients ?? []) {
      if (this.alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }

  onModuleDestroy(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.server?.off('upgrade', this.onUpgrade);
    for (const ws of this.wss?.clients ?? []) {
      ws.close(CollabCloseCode.GOING_AWAY, 'server shutting down');
      // Do not let a silent peer hold the shutdown.
      setTimeout(() => ws.terminate(), 1_000).unref();
    }
    this.wss?.close();
  }
}
