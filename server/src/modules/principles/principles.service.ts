import { Injectable } from '@nestjs/common';
import {
  createPrincipleSchema,
  updatePrincipleSchema,
  type Page,
  type PrincipleDto,
  type PrincipleListQuery,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { z } from 'zod';
import type { Membership } from '../../common/auth/auth.types';
import { forbidden, invalid, notFound } from '../../common/errors/domain-error';
import { keysetPage, mapPage } from '../../common/pagination/cursor';
import { ActivityService } from '../activity/activity.service';
import { PrincipleEntity } from './principles.entity';
import { canManagePrinciples } from './principles.policy';

type CreatePrinciple = z.output<typeof createPrincipleSchema>;
type UpdatePrinciple = z.output<typeof updatePrincipleSchema>;

export function toPrincipleDto(p: PrincipleEntity): PrincipleDto {
  return {
    id: p.id,
    workspaceId: p.workspaceId,
    title: p.title,
    description: p.description,
    order: p.order,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

@Injectable()
export class PrinciplesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
  ) {}

  /** Which of `ids` are principles of this workspace. */
  async existingIds(
    workspaceId: string,
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(PrincipleEntity)
      .find({ select: { id: true }, where: { workspaceId, id: In([...new Set(ids)]) } });
    return rows.map((r) => r.id);
  }

  /** Every id must be a principle of this workspace, else 400 naming `path`. */
  async assertAllInWorkspace(
    workspaceId: string,
    ids: readonly string[],
    path: (id: string, index: number) => (string | number)[],
    manager?: EntityManager,
  ): Promise<void> {
    if (!ids.length) return;
    const found = new Set(await this.existingIds(workspaceId, ids, manager));
    const i = ids.findIndex((id) => !found.has(id));
    if (i >= 0) {
      throw invalid(
        path(ids[i]!, i),
        'is not a principle of this workspace',
        'not_workspace_principle',
      );
    }
  }

  async list(workspaceId: string, q: PrincipleListQuery): Promise<Page<PrincipleDto>> {
    const qb = this.dataSource
      .getRepository(PrincipleEntity)
      .createQueryBuilder('p')
      .where('p.workspaceId = :workspaceId', { workspaceId });
    const page = await keysetPage(qb, {
      keys: [
        { column: 'p.order', kind: 'int', value: (p) => String(p.order) },
        { column: 'p.id', kind: 'uuid', value: (p) => p.id },
      ],
      direction: 'ASC',
      limit: q.limit,
      cursor: q.cursor,
    });
    return mapPage(page, toPrincipleDto);
  }

  /** Every principle of the workspace for the research export, by order, in keyset batches. */
  async *exportBatches(
    workspaceId: string,
    batchSize: number,
  ): AsyncGenerator<(PrincipleDto & { createdBy: string | null })[]> {
    let after: { order: number; id: string } | undefined;
    for (;;) {
      const qb = this.dataSource
        .getRepository(PrincipleEntity)
        .createQueryBuilder('p')
        .where('p.workspaceId = :workspaceId', { workspaceId });
      if (after) qb.andWhere('(p.order, p.id) > (:order, :id)', after);
      const rows = await qb
        .orderBy('p.order', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (!rows.length) return;
      yield rows.map((p) => ({ ...toPrincipleDto(p), createdBy: p.createdBy }));
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1]!;
      after = { order: last.order, id: last.id };
    }
  }

  async get(workspaceId: string, id: string): Promise<PrincipleDto> {
    const p = await this.dataSource.getRepository(PrincipleEntity).findOneBy({ id, workspaceId });
    if (!p) throw notFound('Principle');
    return toPrincipleDto(p);
  }

  async create(me: Membership, input: CreatePrinciple): Promise<PrincipleDto> {
    if (!canManagePrinciples(me)) throw forbidden('Only coordinators can write principles');
    return this.dataSource.transaction(async (manager) => {
      const count = await this.lockList(manager, me.workspaceId);
      const order = Math.min(input.order ?? count, count);
      const repo = manager.getRepository(PrincipleEntity);
      await this.shift(manager, me.workspaceId, order, count, +1);
      const saved = await repo.save(
        repo.create({
          workspaceId: me.workspaceId,
          title: input.title,
          description: input.description,
          order,
          createdBy: me.userId,
        }),
      );
      const dto = toPrincipleDto(await repo.findOneByOrFail({ id: saved.id }));
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'principle.created',
        actorId: me.userId,
        subjectType: 'principle',
        subjectId: dto.id,
        payload: { title: dto.title, order: dto.order },
      });
      return dto;
    });
  }

  async update(me: Membership, id: string, input: UpdatePrinciple): Promise<PrincipleDto> {
    if (!canManagePrinciples(me)) throw forbidden('Only coordinators can write principles');
    return this.dataSource.transaction(async (manager) => {
      const count = await this.lockList(manager, me.workspaceId);
      const repo = manager.getRepository(PrincipleEntity);
      const current = await repo.findOneBy({ id, workspaceId: me.workspaceId });
      if (!current) throw notFound('Principle');
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const patch: Partial<PrincipleEntity> = {};
      if (input.title !== undefined && input.title !== current.title) {
        patch.title = input.title;
        changes.title = { from: current.title, to: input.title };
      }
      if (input.description !== undefined && input.description !== current.description) {
        patch.description = input.description;
        changes.description = { from: true, to: true };
      }
      if (input.order !== undefined) {
        const to = Math.min(input.order, count - 1);
        if (to !== current.order) {
          // Move: the ones in between shift one place towards the gap it leaves.
          if (to > current.order)
            await this.shift(manager, me.workspaceId, current.order + 1, to + 1, -1);
          else await this.shift(manager, me.workspaceId, to, current.order, +1);
          patch.order = to;
          changes.order = { from: current.order, to };
        }
      }
      if (Object.keys(patch).length) {
        await repo.update({ id }, patch);
        await this.activity.record(manager, {
          workspaceId: me.workspaceId,
          type: 'principle.updated',
          actorId: me.userId,
          subjectType: 'principle',
          subjectId: id,
          payload: { title: patch.title ?? current.title, changes },
        });
      }
      return toPrincipleDto(await repo.findOneByOrFail({ id }));
    });
  }

  async remove(me: Membership, id: string): Promise<void> {
    if (!canManagePrinciples(me)) throw forbidden('Only coordinators can write principles');
    await this.dataSource.transaction(async (manager) => {
      const count = await this.lockList(manager, me.workspaceId);
      const repo = manager.getRepository(PrincipleEntity);
      const current = await repo.findOneBy({ id, workspaceId: me.workspaceId });
      if (!current) throw notFound('Principle');
      await repo.delete({ id });
      await this.shift(manager, me.workspaceId, current.order + 1, count, -1);
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'principle.deleted',
        actorId: me.userId,
        subjectType: 'principle',
        subjectId: id,
        payload: { title: current.title, order: current.order },
      });
    });
  }

  /**
   * Serialises writes to one workspace's list (an advisory lock, since an empty list has no
   * rows to lock) and answers how many principles it has.
   */
  private async lockList(manager: EntityManager, workspaceId: string): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `principles:${workspaceId}`,
    ]);
    return manager.getRepository(PrincipleEntity).countBy({ workspaceId });
  }

  /** Adds `delta` to the order of the principles with from ≤ order < to. */
  private async shift(
    manager: EntityManager,
    workspaceId: string,
    from: number,
    to: number,
    delta: 1 | -1,
  ): Promise<void> {
    if (from >= to) return;
    await manager.query(
      `UPDATE principles SET "order" = "order" + $4 WHERE "workspaceId" = $1 AND "order" >= $2 AND "order" < $3`,
      [workspaceId, from, to, delta],
    );
  }
}
