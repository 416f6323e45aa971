import { Injectable } from '@nestjs/common';
import type { ExperimentDto } from '@coalesce/shared';
import { DataSource } from 'typeorm';

/** An experiment as the network view and the broker suggestions read it. */
export interface NetworkExperimentRow {
  id: string;
  title: string;
  status: ExperimentDto['status'];
  leadPartnerId: string | null;
  partnerIds: string[];
  neededExpertise: string[];
  targetGroups: string[];
  /** The last change of any kind, a learning included. */
  updatedAt: Date;
}

/** The experiments module's raw SQL (tables `experiments`, `experiment_learnings`). */
@Injectable()
export class ExperimentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The ties experiments make (their partners) and when each last changed, for the network map.
   * Read as a string and a number, not as uuid[] and timestamptz: at 2,000 partners the map reads
   * thousands of rows per fresh view, and node-postgres' array and date parsers were a fifth of
   * its CPU.
   */
  async ties(workspaceId: string): Promise<{ partnerIds: string[]; updatedAt: Date }[]> {
    const rows: { ids: string; at: number }[] = await this.dataSource.query(
      `SELECT array_to_string("partnerIds", ',') AS ids,
              (extract(epoch FROM "updatedAt") * 1000)::float8 AS at
         FROM "experiments" WHERE "workspaceId" = $1`,
      [workspaceId],
    );
    return rows.map((r) => ({
      partnerIds: r.ids ? r.ids.split(',') : [],
      updatedAt: new Date(r.at),
    }));
  }

  /** Every experiment of the workspace with only the network's fields, in no particular order. */
  listForNetwork(workspaceId: string): Promise<NetworkExperimentRow[]> {
    return this.dataSource.query(
      `SELECT "id", "title", "status", "leadPartnerId", "partnerIds", "neededExpertise",
              "targetGroups", "updatedAt"
         FROM "experiments" WHERE "workspaceId" = $1`,
      [workspaceId],
    );
  }

  /**
   * Every experiment's partners and dates, and every learning's author and date (participation
   * and broker follow-through), in two lean queries.
   */
  async participationRows(workspaceId: string): Promise<{
    experiments: { id: string; partnerIds: string[]; startDate: string | null; createdAt: Date }[];
    learnings: { authorId: string; createdAt: Date }[];
  }> {
    const experiments = await this.dataSource.query(
      `SELECT "id", "partnerIds", to_char("startDate", 'YYYY-MM-DD') AS "startDate", "createdAt"
         FROM "experiments" WHERE "workspaceId" = $1`,
      [workspaceId],
    );
    const learnings = await this.dataSource.query(
      `SELECT "authorId", "createdAt" FROM "experiment_learnings" WHERE "workspaceId" = $1`,
      [workspaceId],
    );
    return { experiments, learnings };
  }
}
