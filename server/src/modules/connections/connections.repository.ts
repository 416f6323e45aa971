import { Injectable } from '@nestjs/common';
import type { ConnectionDto } from '@coalesce/shared';
import { DataSource } from 'typeorm';

export type ConnectionPair = Pick<ConnectionDto, 'fromPartnerId' | 'toPartnerId' | 'status'>;

/** The connections module's raw SQL (tables `connections`, `connection_responses`). */
@Injectable()
export class ConnectionsRepository {
  constructor(private readonly dataSource: DataSource) {}

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
