import { Injectable } from '@nestjs/common';
import {
  type CreateWorkspaceInput,
  type Page,
  type PaginationQuery,
  type StageChangeDto,
  type UpdateWorkspaceInput,
  type WorkspaceDto,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import { forbidden, notFound } from '../../common/errors/domain-error';
import { ActivityService } from '../activity/activity.service';
import { DocumentsService } from '../documents/documents.service';
import { MembersService } from '../members/members.service';
import { StageChangeEntity } from './stage-change.entity';
import { WorkspaceEntity } from './workspaces.entity';
import { canUpdateWorkspace } from './workspaces.policy';
import { clock } from '../../common/clock/clock';

type MyMembership = Pick<Membership, 'role' | 'broker' | 'partnerId'>;

export function toWorkspaceDto(w: WorkspaceEntity, me: MyMembership): WorkspaceDto {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    stage: w.stage,
    visionDocumentId: w.visionDocumentId,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    myRole: me.role,
    myBroker: me.broker,
    myPartnerId: me.partnerId,
  };
}

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MembersService,
    private readonly documents: DocumentsService,
    private readonly activity: ActivityService,
  ) {}

  /**
   * One transaction: the workspace, its vision document, the creator as coordinator, the
   * first stage-history row and the `workspace.created` + `member.joined` events.
   */
  async create(userId: string, input: CreateWorkspaceInput): Promise<WorkspaceDto> {
    const w = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(WorkspaceEntity);
      const workspace = await repo.save(
        repo.create({
          name: input.name,
          description: input.description ?? '',
          stage: input.stage ?? 'hypothesis_vision',
          createdBy: userId,
          createdAt: clock.stamp(),
          updatedAt: clock.stamp(),
        }),
      );
      const vision = await this.documents.createVision(manager, workspace.id, userId);
      await repo.update({ id: workspace.id }, { visionDocumentId: vision.id });
      await this.recordStage(manager, workspace.id, null, workspace.stage, userId);
      await this.activity.record(manager, {
        workspaceId: workspace.id,
        type: 'workspace.created',
        actorId: userId,
        subjectType: 'workspace',
        subjectId: workspace.id,
        payload: { name: workspace.name, stage: workspace.stage, visionDocumentId: vision.id },
      });
      await this.members.add(manager, {
        workspaceId: workspace.id,
        userId,
        role: 'coordinator',
        actorId: userId,
        via: 'workspace_created',
      });
      return repo.findOneByOrFail({ id: workspace.id });
    });
    return toWorkspaceDto(w, { role: 'coordinator', broker: false, partnerId: null });
  }

  async listMine(userId: string, q: PaginationQuery): Promise<Page<WorkspaceDto>> {
    const page = await this.members.membershipsOf(userId, q);
    const ids = page.items.map((m) => m.workspaceId);
    const rows = ids.length
      ? await this.dataSource.getRepository(WorkspaceEntity).findBy({ id: In(ids) })
      : [];
    const byId = new Map(rows.map((w) => [w.id, w]));
    return {
      items: page.items.flatMap((m) => {
        const w = byId.get(m.workspaceId);
        return w ? [toWorkspaceDto(w, m)] : [];
      }),
      nextCursor: page.nextCursor,
    };
  }

  async get(me: Membership): Promise<WorkspaceDto> {
    return toWorkspaceDto(await this.entity(me.workspaceId), me);
  }

  /** The workspace row, for other modules (404 when unknown). */
  async entity(workspaceId: string, manager?: EntityManager): Promise<WorkspaceEntity> {
    const w = await (manager ?? this.dataSource.manager)
      .getRepository(WorkspaceEntity)
      .findOneBy({ id: workspaceId });
    if (!w) throw notFound('Workspace');
    return w;
  }

  /** The rows of these workspaces by id, for other modules (unknown ids are left out). */
  async entities(workspaceIds: string[]): Promise<Map<string, WorkspaceEntity>> {
    if (!workspaceIds.length) return new Map();
    const rows = await this.dataSource
      .getRepository(WorkspaceEntity)
      .findBy({ id: In([...new Set(workspaceIds)]) });
    return new Map(rows.map((w) => [w.id, w]));
  }

  /** Coordinator only; a stage change is recorded in the history and as an event. */
  async update(me: Membership, input: UpdateWorkspaceInput): Promise<WorkspaceDto> {
    if (!canUpdateWorkspace(me)) throw forbidden('Only coordinators can change the workspace');
    const w = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(WorkspaceEntity);
      const current = await repo
        .createQueryBuilder('w')
        .setLock('pessimistic_write')
        .where('w.id = :id', { id: me.workspaceId })
        .getOne();
      if (!current) throw notFound('Workspace');
      const changes: Partial<Pick<WorkspaceEntity, 'name' | 'description' | 'stage'>> = {};
      if (input.name !== undefined && input.name !== current.name) changes.name = input.name;
      if (input.description !== undefined && input.description !== current.description) {
        changes.description = input.description;
      }
      if (input.stage !== undefined && input.stage !== current.stage) changes.stage = input.stage;
      if (!Object.keys(changes).length) return current;
      await repo.update({ id: current.id }, changes);
      const base = {
        workspaceId: current.id,
        actorId: me.userId,
        subjectType: 'workspace',
        subjectId: current.id,
      };
      if (changes.name !== undefined || changes.description !== undefined) {
        await this.activity.record(manager, {
          ...base,
          type: 'workspace.updated',
          payload: {
            ...(changes.name !== undefined
              ? { name: { from: current.name, to: changes.name } }
              : {}),
            ...(changes.description !== undefined ? { description: true } : {}),
          },
        });
      }
      if (changes.stage) {
        await this.recordStage(manager, current.id, current.stage, changes.stage, me.userId);
        await this.activity.record(manager, {
          ...base,
          type: 'workspace.stage_changed',
          payload: { from: current.stage, to: changes.stage },
        });
      }
      return repo.findOneByOrFail({ id: current.id });
    });
    return toWorkspaceDto(w, me);
  }

  async stageHistory(workspaceId: string): Promise<StageChangeDto[]> {
    const rows = await this.dataSource
      .getRepository(StageChangeEntity)
      .find({ where: { workspaceId }, order: { changedAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      from: r.fromStage,
      to: r.toStage,
      changedBy: r.changedBy,
      changedAt: r.changedAt.toISOString(),
    }));
  }

  private async recordStage(
    manager: EntityManager,
    workspaceId: string,
    fromStage: WorkspaceEntity['stage'] | null,
    toStage: WorkspaceEntity['stage'],
    changedBy: string,
  ): Promise<void> {
    const repo = manager.getRepository(StageChangeEntity);
    await repo.save(
      repo.create({ workspaceId, fromStage, toStage, changedBy, changedAt: clock.stamp() }),
    );
  }
}
