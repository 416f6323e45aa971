import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { logger } from '../logging/logger';
import type { OriginCheck } from '../http/origin.util';
import { closeRedis, createRedisClient } from '../redis/redis';

/**
 * socket.io on the Nest HTTP server (path /socket.io). With REDIS_URL, rooms are shared by
 * every instance through @socket.io/redis-adapter, so a push to `workspace:<id>` reaches
 * sockets connected to any instance.
 */
export class AppIoAdapter extends IoAdapter {
  private clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string | undefined,
    private readonly originAllowed: OriginCheck = () => true,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      serveClient: false,
      // The handshake carries the session cookie: a page on another origin may not use it.
      allowRequest: (req, callback) =>
        callback(null, this.originAllowed(req.headers.origin, req.headers.host)),
    } as ServerOptions);
    if (this.redisUrl) {
      const pub = createRedisClient(this.redisUrl, 'socket.io-pub');
      const sub = pub.duplicate();
      sub.on('error', (err) => logger.warn({ err }, 'redis error (socket.io-sub)'));
      this.clients.push(pub, sub);
      server.adapter(createAdapter(pub, sub));
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await closeRedis(...this.clients);
    this.clients = [];
  }
}
