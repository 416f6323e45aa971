import { Injectable } from '@nestjs/common';
import { SweepPauseRepository } from './sweep-pause.repository';

/**
 * Workspaces that background sweeps (proposal deadlines, connection expiry) must leave alone for
 * a while: the demo writes a history whose dates all lie in the real past and ends each item
 * itself at its simulated moment; a sweep running on today's clock would end them in between,
 * dated today. The pause is a row in PostgreSQL, so every instance (and every process on the
 * same database) sees it at its next sweep, with or without Redis; it lapses on its own after
 * `maxMs`, so a crashed demo pauses nothing for long.
 */
@Injectable()
export class SweepPause {
  constructor(private readonly repository: SweepPauseRepository) {}

  /** Pauses the sweeps for `workspaceId` until the returned function is called (or `maxMs`). */
  async pause(workspaceId: string, maxMs = 10 * 60_000): Promise<() => Promise<void>> {
    await this.repository.upsert(workspaceId, new Date(Date.now() + maxMs));
    return () => this.repository.delete(workspaceId);
  }

  /** The workspaces a sweep must skip now (usually none). */
  workspaceIds(): Promise<string[]> {
    return this.repository.activeWorkspaceIds();
  }
}
