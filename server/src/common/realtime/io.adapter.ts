import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { OriginCheck } from '../http/origin.util';
import { closeRedis, createRedisClient } from '../redis/redis';
import { coalesceWrites } from './write-coalescing';

/**
 * socket.io on the Nest HTTP server (path /socket.io). With REDIS_URL, rooms are shared by
 * every instance through @socket.io/redis-streams-adapter, so a push to `workspace:<id>`
 * reaches sockets connected to any instance. A stream (unlike pub/sub) is read from where each
 * instance left off, so pushes made while an instance's Redis connection was down still
 * arrive when it is back; connection-state recovery replays a briefly disconnected client's
 * missed packets (and clients refetch their queries when a reconnect was not recovered).
 */
export class AppIoAdapter extends IoAdapter {
  private clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redis: { url: string | undefined; prefix: string },
    private readonly originAllowed: OriginCheck = () => true,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const url = this.redis.url;
    const server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      serveClient: false,
      ...(url
        ? {
            // Missed packets are kept in the Redis stream/session, so only with REDIS_URL.
            // The middlewares (authentication) run again on a recovered connection.
            connectionStateRecovery: {
              maxDisconnectionDuration: 2 * 60_000,
              skipMiddlewares: false,
            },
          }
        : {}),
      // The handshake carries the session cookie: a page on another origin may not use it.
      allowRequest: (req, callback) =>
        callback(null, this.originAllowed(req.headers.origin, req.headers.host)),
    } as ServerOptions);
    coalesceWrites(server);
    if (url) {
      const client = createRedisClient(url, 'socket.io');
      this.clients.push(client);
      const prefix = this.redis.prefix;
      server.adapter(
        createAdapter(client, {
          streamName: `${prefix}socket.io`,
          channelPrefix: `${prefix}socket.io`,
          sessionKeyPrefix: `${prefix}sio:session:`,
        }),
      );
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await closeRedis(...this.clients);
    this.clients = [];
  }
}
