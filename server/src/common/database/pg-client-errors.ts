import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { logger } from '../logging/logger';

interface PgPoolLike {
  on(event: 'acquire', listener: (client: PgClientLike) => void): unknown;
}
interface PgClientLike {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/**
 * When PostgreSQL drops a connection (restart, failover, pg_terminate_backend) a checked-out pg
 * client that is between queries emits 'error' with nobody listening, which would crash the
 * process. Every client gets a listener at its first checkout: the error is logged, the query
 * that uses the client next fails (503 through the exception filter), and the pool discards
 * the broken client on release.
 */
@Injectable()
export class PgClientErrors implements OnModuleInit {
  private readonly guarded = new WeakSet<object>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const pool = (this.dataSource.driver as unknown as { master?: PgPoolLike }).master;
    if (!pool || typeof pool.on !== 'function') return;
    pool.on('acquire', (client) => {
      if (this.guarded.has(client)) return;
      this.guarded.add(client);
      client.on('error', (err) => logger.warn({ err }, 'database connection lost'));
    });
  }
}
