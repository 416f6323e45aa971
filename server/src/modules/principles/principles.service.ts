import { Injectable } from '@nestjs/common';
import {
  LIMITS,
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
import { PrinciplesRepository } from './principles.repository';
import { canManagePrinciples } from './principles.policy';
import { clock } from '../../common/clock/clock';

const ORDER_MAX = LIMITS.arrayMax * 50;

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
    private readonly repository: PrinciplesRepository,
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
        { column: 'p.createdAt', kind: 'timestamp', value: (p) => p.createdAt.toISOString() },
        { column: 'p.id', kind: 'uuid', value: (p) => p.id },
      ],
      direction: 'ASC',
      limit: q.limit,
      cursor: q.cursor,
    });
    return mapPage(page, toPrincipleDto);
  }

  /** Every principle of the workspace for the research export, as listed, in keyset batches. */
  async *exportBatches(
    workspaceId: string,
    batchSize: number,
  ): AsyncGenerator<(PrincipleDto & { createdBy: string | null })[]> {
    let after: { order: number; createdAt: Date; id: string } | undefined;
    for (;;) {
      const qb = this.dataSource
        .getRepository(PrincipleEntity)
        .createQueryBuilder('p')
        .where('p.workspaceId = :workspaceId', { workspaceId });
      if (after) qb.andWhere('(p.order, p.createdAt, p.id) > (:order, :createdAt, :id)', after);
      const rows = await qb
        .orderBy('p.order', 'ASC')
        .addOrderBy('p.createdAt', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (!rows.length) return;
      yield rows.map((p) => ({ ...toPrincipleDto(p), createdBy: p.createdBy }));
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1]!;
      after = { order: last.order, createdAt: last.createdAt, id: last.id };
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
      const order = input.order ?? (await this.nextOrder(manager, me.workspaceId));
      const repo = manager.getRepository(PrincipleEntity);
      const saved = await repo.save(
        repo.create({
          workspaceId: me.workspaceId,
          title: input.title,
          description: input.description,
          order,
          createdBy: me.userId,
          createdAt: clock.stamp(),
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
      if (input.order !== undefined && input.order !== current.order) {
        patch.order = input.order;
        changes.order = { from: current.order, to: input.order };
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
      const repo = manager.getRepository(PrincipleEntity);
      const current = await repo.findOneBy({ id, workspaceId: me.workspaceId });
      if (!current) throw notFound('Principle');
      await repo.delete({ id });
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

  /** The order after the last principle, capped (see `PrinciplesRepository.nextOrder`). */
  private async nextOrder(manager: EntityManager, workspaceId: string): Promise<number> {
    return Math.min(await this.repository.nextOrder(manager, workspaceId), ORDER_MAX);
  }
}
