import type { IncomingMessage, Server } from 'node:http';
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
import { CollabService } from './collab.service';
import { COLLAB_OPTIONS, type CollabOptions, resolveCollabOptions } from './collab.options';

/** `/collab/<documentId>` with an optional trailing slash and query string. */
const COLLAB_PATH = /^\/collab\/([^/?#]*)\/?(?:[?#]|$)/;

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

  onApplicationBootstrap(): void {
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
