import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SweepPauseEntity } from './sweep-pause.entity';

/** The SQL of the sweep pauses (table `sweep_pauses`). */
@Injectable()
export class SweepPauseRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(workspaceId: string, until: Date): Promise<void> {
    await this.dataSource
      .getRepository(SweepPauseEntity)
      .upsert({ workspaceId, until }, ['workspaceId']);
  }

  async delete(workspaceId: string): Promise<void> {
    await this.dataSource.getRepository(SweepPauseEntity).delete({ workspaceId });
  }

  /** The workspaces paused now, by the database's clock. */
  async activeWorkspaceIds(): Promise<string[]> {
    const rows: { workspaceId: string }[] = await this.dataSource.query(
      `SELECT "workspaceId" FROM sweep_pauses WHERE until > now()`,
    );
    return rows.map((r) => r.workspaceId);
  }
}
