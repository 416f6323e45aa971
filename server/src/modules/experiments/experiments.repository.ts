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
