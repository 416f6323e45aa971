import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ClusterEventRow {
  id: string;
  name: string;
  payload: unknown;
  origin: string;
}

/** The `cluster_events` table (see ClusterEventEntity). */
@Injectable()
export class ClusterEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(row: ClusterEventRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO cluster_events (id, name, payload, origin) VALUES ($1, $2, $3, $4)`,
      [row.id, row.name, JSON.stringify(row.payload), row.origin],
    );
  }

  /**
   * The events of the last `seconds` by the database's clock (one clock for every instance), in
   * the order they were written. A window rather than a cursor: a row written earlier may commit
   * later, and the reader drops what it has seen by id.
   */
  recent(seconds: number): Promise<ClusterEventRow[]> {
    return this.dataSource.query(
      `SELECT id, name, payload, origin FROM cluster_events
        WHERE at > now() - make_interval(secs => $1) ORDER BY at, id`,
      [seconds],
    );
  }

  async purge(olderThanSeconds: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM cluster_events WHERE at < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
  }
}
