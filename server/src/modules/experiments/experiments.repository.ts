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
}
