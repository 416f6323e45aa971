import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The principles module's raw SQL (table `principles`). */
@Injectable()
export class PrinciplesRepository {
  /**
   * In the caller's transaction: the order after the workspace's last principle (0 for the
   * first), taken under a per-workspace advisory lock held until the transaction ends (an empty
   * list has no rows to lock), so parallel creates without an order do not share one.
   */
  async nextOrder(manager: EntityManager, workspaceId: string): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `principles:${workspaceId}`,
    ]);
    const [row] = (await manager.query(
      `SELECT COALESCE(MAX("order") + 1, 0)::int AS next FROM principles WHERE "workspaceId" = $1`,
      [workspaceId],
    )) as { next: number }[];
    return row?.next ?? 0;
  }
}
