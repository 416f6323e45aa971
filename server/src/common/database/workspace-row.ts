import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { notFound } from '../errors/domain-error';

/**
 * One row of a workspace-scoped table (an `id` and a `workspaceId` column) by id, with a row lock
 * for the caller's transaction when `lock` is set. A row of another workspace is as unknown as a
 * missing one: 404 naming `what`.
 */
export async function findInWorkspace<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  what: string,
  workspaceId: string,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<T> {
  const qb = manager
    .getRepository(entity)
    .createQueryBuilder('row')
    .where('row.id = :id AND row.workspaceId = :workspaceId', { id, workspaceId });
  if (lock) qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) throw notFound(what);
  return row;
}
