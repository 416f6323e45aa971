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
import { logger } from '../../../common/logging/logger';
import { CollabService } from './collab.service';
import { COLLAB_OPTIONS, type CollabOptions, resolveCollabOptions } from './collab.options';

/**
 * `/collab/<documentId>` and a query string. Anything after the id (a trailing slash) stays in
 * the captured id, which then fails validation (4404): one spelling per document.
 */
const COLLAB_PATH = /^\/collab\/([^?#]*)(?:[?#]|$)/;

/**
 * Mounts the y-websocket endpoint on the Nest HTTP server: only upgrades under `/collab/` are
 * taken (engine.io keeps `/socket.io`). ws's `maxPayload` sits a little above the contract's
 * limit so the service can answer 4413 itself; beyond it ws closes with 1009.
 */
@Injectable()
export class CollabGateway implements OnApplicationBootstrap, OnModuleDestroy {
  private wss: WebSocketServer | undefined;
  private server: Server | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private readonly options: CollabOptions;
  private readonly alive = new WeakMap<WebSocket, boolean>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly collab: CollabService,
    @Optional() @Inject(COLLAB_OPTIONS) options?: Partial<CollabOptions>,
  ) {
    this.options = resolveCollabOptions(options);
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    this.server = server;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: LIMITS.collabFrameMaxBytes + 64 * 1024,
      perMessageDeflate: false,
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
    let documentId: string;
    try {
      documentId = decodeURIComponent(match[1]!);
    } catch {
      documentId = '';
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.alive.set(ws, true);
      ws.on('pong', () => this.alive.set(ws, true));
      ws.on('message', () => this.alive.set(ws, true));
      this.collab.handleConnection(ws, req, documentId);
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
