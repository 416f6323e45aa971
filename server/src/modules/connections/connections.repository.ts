import { Injectable } from '@nestjs/common';
import type { ConnectionDto } from '@coalesce/shared';
import { DataSource } from 'typeorm';

export type ConnectionPair = Pick<ConnectionDto, 'fromPartnerId' | 'toPartnerId' | 'status'>;

/** The connections module's raw SQL (tables `connections`, `connection_responses`). */
@Injectable()
export class ConnectionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * When the oldest open connection expires after `expiryDays` (ms since the epoch), any
   * workspace; null: none open.
   */
  async nextExpiry(expiryDays: number): Promise<number | null> {
    const [row] = (await this.dataSource.query(
      `SELECT extract(epoch FROM min("createdAt")) * 1000 AS at FROM "connections"
        WHERE "status" = 'proposed'`,
    )) as { at: string | null }[];
    return row?.at == null ? null : Math.ceil(Number(row.at) + expiryDays * 86_400_000);
  }

  /** The pairs of the workspace's connections (no particular order), optionally only accepted ones. */
  pairs(workspaceId: string, acceptedOnly: boolean): Promise<ConnectionPair[]> {
    return this.dataSource.query(
      `SELECT "fromPartnerId", "toPartnerId", "status" FROM "connections"
        WHERE "workspaceId" = $1 ${acceptedOnly ? `AND "status" = 'accepted'` : ''}`,
      [workspaceId],
    );
  }

  /** Accepted connections with their broker and acceptance moment (broker follow-through). */
  introductions(workspaceId: string): Promise<AcceptedIntroduction[]> {
    return this.dataSource.query(
      `SELECT "id" AS "connectionId", "proposedBy" AS "brokerId", "fromPartnerId", "toPartnerId",
              COALESCE("closedAt", "updatedAt") AS "acceptedAt"
         FROM "connections" WHERE "workspaceId" = $1 AND "status" = 'accepted'`,
      [workspaceId],
    );
  }
}

export interface AcceptedIntroduction {
  connectionId: string;
  brokerId: string;
  fromPartnerId: string;
  toPartnerId: string;
  acceptedAt: Date;
}
