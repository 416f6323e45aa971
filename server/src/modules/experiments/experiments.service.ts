import { Injectable } from '@nestjs/common';
import {
  type CreateExperiment,
  type ExperimentDto,
  type ExperimentListQuery,
  type LearningDto,
  type Page,
  type CreateLearning,
  experimentShapeIssues,
  type UpdateExperiment,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import { forbidden, invalid, notFound } from '../../common/errors/domain-error';
import { creationKeys, keysetPage } from '../../common/pagination/cursor';
import { ActivityService } from '../activity/activity.service';
import { PartnersService } from '../partners/partners.service';
import { ExperimentEntity, ExperimentLearningEntity } from './experiments.entity';
import { ExperimentsRepository, type NetworkExperimentRow } from './experiments.repository';

export type { NetworkExperimentRow } from './experiments.repository';
import {
  canDeleteExperiment,
  canWriteExperiments,
  DELETE_DENIED,
  WRITE_DENIED,
} from './experiments.policy';
import { findInWorkspace } from '../../common/database/workspace-row';
import { clock } from '../../common/clock/clock';

/**
 * Answers which of `ids` are principles of `workspaceId` (in the caller's transaction). The
 * principles module registers one with `ExperimentsService.usePrincipleLookup`; until it does,
 * an experiment cannot name principles (400).
 */
export type PrincipleLookup = (
  manager: EntityManager,
  workspaceId: string,
  ids: readonly string[],
) => Promise<readonly string[]>;

/** The experiment's fields without learnings. */
export type ExperimentSummary = Omit<ExperimentDto, 'learnings'>;

/** Fields whose old and new values the `experiment.updated` payload carries. */
const TRACKED = [
  'title',
  'leadPartnerId',
  'partnerIds',
  'targetGroups',
  'barriers',
  'principleIds',
  'neededExpertise',
  'startDate',
  'endDate',
] as const;
/** Free text: the payload only names them (they may be 20,000 characters long). */
const TEXT = ['hypothesis', 'description'] as const;
type Field = (typeof TRACKED)[number] | (typeof TEXT)[number];

/** The learning text an event carries (the full text is on the experiment). */
const EVENT_TEXT_MAX = 500;

export function toLearningDto(l: ExperimentLearningEntity): LearningDto {
  return {
    id: l.id,
    text: l.text,
    evidenceUrl: l.evidenceUrl,
    authorId: l.authorId,
    createdAt: l.createdAt.toISOString(),
  };
}

export function toExperimentSummary(e: ExperimentEntity): ExperimentSummary {
  return {
    id: e.id,
    workspaceId: e.workspaceId,
    title: e.title,
    hypothesis: e.hypothesis,
    description: e.description,
    status: e.status,
    leadPartnerId: e.leadPartnerId,
    partnerIds: e.partnerIds,
    targetGroups: e.targetGroups,
    barriers: e.barriers,
    principleIds: e.principleIds,
    neededExpertise: e.neededExpertise,
    startDate: e.startDate,
    endDate: e.endDate,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    statusChangedAt: e.statusChangedAt.toISOString(),
  };
}

@Injectable()
export class ExperimentsService {
  private principleLookup: PrincipleLookup | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly partners: PartnersService,
    private readonly repository: ExperimentsRepository,
  ) {}

  /** Called once by the principles module (see `PrincipleLookup`). */
  usePrincipleLookup(lookup: PrincipleLookup): void {
    this.principleLookup = lookup;
  }

  // ---- helpers for other modules -------------------------------------------------------------

  /** The partners of every experiment and its last change (the map's ties), in no order. */
  ties(workspaceId: string): Promise<{ partnerIds: string[]; updatedAt: Date }[]> {
    return this.repository.ties(workspaceId);
  }

  /** What the network needs of every experiment, in one lean query, in no particular order. */
  async listForNetwork(workspaceId: string): Promise<NetworkExperimentRow[]> {
    return this.repository.listForNetwork(workspaceId);
  }

  /** Partners and dates of every experiment, authors and dates of every learning. */
  participationRows(workspaceId: string) {
    return this.repository.participationRows(workspaceId);
  }

  /**
   * What a discussion needs of an experiment (the threads module): its title and partners, or
   * null when it is not in that workspace. Reads in the caller's transaction.
   */
  async threadSubject(
    manager: EntityManager,
    workspaceId: string,
    experimentId: string,
  ): Promise<{ title: string; partnerIds: string[] } | null> {
    const e = await manager.getRepository(ExperimentEntity).findOne({
      select: { id: true, title: true, partnerIds: true },
      where: { id: experimentId, workspaceId },
    });
    return e ? { title: e.title, partnerIds: e.partnerIds } : null;
  }

  // ---- endpoints -----------------------------------------------------------------------------

  async create(me: Membership, input: CreateExperiment): Promise<ExperimentDto> {
    if (!canWriteExperiments(me)) throw forbidden(WRITE_DENIED);
    const id = await this.dataSource.transaction(async (manager) => {
      await this.partners.assertAllInWorkspace(me.workspaceId, input.partnerIds, 'partnerIds', {
        manager,
      });
      await this.assertPrinciples(manager, me.workspaceId, input.principleIds);
      const repo = manager.getRepository(ExperimentEntity);
      const now = clock.now();
      const saved = await repo.save(
        repo.create({
          workspaceId: me.workspaceId,
          title: input.title,
          hypothesis: input.hypothesis,
          description: input.description,
          status: input.status,
          leadPartnerId: input.leadPartnerId ?? null,
          partnerIds: input.partnerIds,
          targetGroups: input.targetGroups,
          barriers: input.barriers,
          principleIds: input.principleIds,
          neededExpertise: input.neededExpertise,
          startDate: input.startDate ?? null,
          endDate: input.endDate ?? null,
          createdBy: me.userId,
          createdAt: clock.stamp(),
          updatedAt: now,
          statusChangedAt: now,
        }),
      );
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'experiment.created',
        actorId: me.userId,
        subjectType: 'experiment',
        subjectId: saved.id,
        partnerIds: input.partnerIds,
        // What the network's history replay needs: who is in it, and its status.
        payload: {
          title: input.title,
          status: input.status,
          partnerIds: input.partnerIds,
          leadPartnerId: input.leadPartnerId ?? null,
        },
      });
      return saved.id;
    });
    return this.get(me.workspaceId, id);
  }

  async list(workspaceId: string, q: ExperimentListQuery): Promise<Page<ExperimentDto>> {
    const qb = this.dataSource
      .getRepository(ExperimentEntity)
      .createQueryBuilder('e')
      .where('e.workspaceId = :workspaceId', { workspaceId });
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.partnerId) {
      qb.andWhere('e.partnerIds @> ARRAY[:partnerId]::uuid[]', { partnerId: q.partnerId });
    }
    const page = await keysetPage(qb, {
      keys: creationKeys('e'),
      direction: 'DESC',
      limit: q.limit,
      cursor: q.cursor,
    });
    const learnings = await this.learningsOf(
      this.dataSource.manager,
      page.items.map((e) => e.id),
    );
    return {
      items: page.items.map((e) => ({
        ...toExperimentSummary(e),
        learnings: learnings.get(e.id) ?? [],
      })),
      nextCursor: page.nextCursor,
    };
  }

  async get(
    workspaceId: string,
    experimentId: string,
    manager?: EntityManager,
  ): Promise<ExperimentDto> {
    const m = manager ?? this.dataSource.manager;
    const e = await m.getRepository(ExperimentEntity).findOneBy({ id: experimentId, workspaceId });
    if (!e) throw notFound('Experiment');
    const learnings = await this.learningsOf(m, [e.id]);
    return { ...toExperimentSummary(e), learnings: learnings.get(e.id) ?? [] };
  }

  /**
   * Whether the caller may update the experiment or add a learning to it: 404 for an unknown
   * one, then 403 (checked before the body, by the controller's guard: contract precedence).
   */
  async authorizeWrite(me: Membership, experimentId: string): Promise<void> {
    await this.get(me.workspaceId, experimentId);
    if (!canWriteExperiments(me)) throw forbidden(WRITE_DENIED);
  }

  /**
   * 404 → 403 → 400. Any status may follow any other; a status change is
   * `experiment.status_changed {from, to}`, every other change `experiment.updated`.
   */
  async update(
    me: Membership,
    experimentId: string,
    input: UpdateExperiment,
  ): Promise<ExperimentDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, me.workspaceId, experimentId);
      if (!canWriteExperiments(me)) throw forbidden(WRITE_DENIED);
      const next = merge(current, input);
      const issues = experimentShapeIssues(next);
      if (issues.length) throw invalid(issues[0]!.path, issues[0]!.message, issues[0]!.params.rule);
      if (input.partnerIds !== undefined) {
        await this.partners.assertAllInWorkspace(me.workspaceId, input.partnerIds, 'partnerIds', {
          manager,
        });
      }
      if (input.principleIds !== undefined) {
        const added = input.principleIds.filter((id) => !current.principleIds.includes(id));
        await this.assertPrinciples(manager, me.workspaceId, added);
      }

      const changed: Field[] = [];
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const f of [...TRACKED, ...TEXT]) {
        if (input[f] === undefined) continue;
        if (JSON.stringify(current[f]) === JSON.stringify(next[f])) continue;
        changed.push(f);
        if ((TRACKED as readonly string[]).includes(f)) {
          changes[f] = { from: current[f], to: next[f] };
        }
      }
      const statusChanged = input.status !== undefined && input.status !== current.status;
      if (!changed.length && !statusChanged) return;

      const now = clock.now();
      const patch: Partial<ExperimentEntity> = { updatedAt: now };
      for (const f of changed) (patch as Record<string, unknown>)[f] = next[f];
      if (statusChanged) {
        patch.status = input.status;
        patch.statusChangedAt = now;
      }
      await manager.getRepository(ExperimentEntity).update({ id: experimentId }, patch);

      const involved = [...new Set([...current.partnerIds, ...next.partnerIds])];
      if (changed.length) {
        await this.activity.record(manager, {
          workspaceId: me.workspaceId,
          type: 'experiment.updated',
          actorId: me.userId,
          subjectType: 'experiment',
          subjectId: experimentId,
          partnerIds: involved,
          // `partnerIds`/`leadPartnerId` as they are now, so the history replay needs no diffing.
          payload: {
            title: next.title,
            fields: changed,
            changes,
            partnerIds: next.partnerIds,
            leadPartnerId: next.leadPartnerId,
          },
        });
      }
      if (statusChanged) {
        await this.activity.record(manager, {
          workspaceId: me.workspaceId,
          type: 'experiment.status_changed',
          actorId: me.userId,
          subjectType: 'experiment',
          subjectId: experimentId,
          partnerIds: next.partnerIds,
          payload: {
            title: next.title,
            from: current.status,
            to: input.status,
            partnerIds: next.partnerIds,
          },
        });
      }
    });
    return this.get(me.workspaceId, experimentId);
  }

  /**
   * 404 → 403. Removes the experiment and its learnings; `experiment.deleted` keeps what it was
   * (title, status, partners) in the log, so the history and the export still tell.
   */
  async remove(me: Membership, experimentId: string): Promise<void> {
    const found = await this.get(me.workspaceId, experimentId);
    if (!canDeleteExperiment(me, found)) throw forbidden(DELETE_DENIED);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, me.workspaceId, experimentId);
      if (!canDeleteExperiment(me, current)) throw forbidden(DELETE_DENIED);
      const learnings = await manager
        .getRepository(ExperimentLearningEntity)
        .delete({ experimentId });
      await manager.getRepository(ExperimentEntity).delete({ id: experimentId });
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'experiment.deleted',
        actorId: me.userId,
        subjectType: 'experiment',
        subjectId: experimentId,
        partnerIds: current.partnerIds,
        payload: {
          title: current.title,
          status: current.status,
          leadPartnerId: current.leadPartnerId,
          partnerIds: current.partnerIds,
          learningCount: learnings.affected ?? 0,
        },
      });
    });
  }

  /** 404 → 403 → 400. Answers the experiment with the new learning first. */
  async addLearning(
    me: Membership,
    experimentId: string,
    input: CreateLearning,
  ): Promise<ExperimentDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, me.workspaceId, experimentId);
      if (!canWriteExperiments(me)) throw forbidden(WRITE_DENIED);
      const repo = manager.getRepository(ExperimentLearningEntity);
      const learning = await repo.save(
        repo.create({
          workspaceId: me.workspaceId,
          experimentId,
          text: input.text,
          evidenceUrl: input.evidenceUrl ?? null,
          authorId: me.userId,
          createdAt: clock.stamp(),
        }),
      );
      await manager
        .getRepository(ExperimentEntity)
        .update({ id: experimentId }, { updatedAt: learning.createdAt });
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'experiment.learning_added',
        actorId: me.userId,
        subjectType: 'experiment',
        subjectId: experimentId,
        partnerIds: current.partnerIds,
        payload: {
          title: current.title,
          learningId: learning.id,
          text:
            input.text.length > EVENT_TEXT_MAX
              ? `${input.text.slice(0, EVENT_TEXT_MAX - 1)}…`
              : input.text,
          evidenceUrl: learning.evidenceUrl,
        },
      });
    });
    return this.get(me.workspaceId, experimentId);
  }

  // ---- internals -----------------------------------------------------------------------------

  private async lock(
    manager: EntityManager,
    workspaceId: string,
    experimentId: string,
  ): Promise<ExperimentEntity> {
    return findInWorkspace(manager, ExperimentEntity, 'Experiment', workspaceId, experimentId, {
      lock: true,
    });
  }

  /** Learnings of several experiments in one query, newest first. */
  private async learningsOf(
    manager: EntityManager,
    experimentIds: string[],
  ): Promise<Map<string, LearningDto[]>> {
    const byExperiment = new Map<string, LearningDto[]>();
    if (!experimentIds.length) return byExperiment;
    const rows = await manager.getRepository(ExperimentLearningEntity).find({
      where: { experimentId: In(experimentIds) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    for (const l of rows) {
      const list = byExperiment.get(l.experimentId) ?? [];
      list.push(toLearningDto(l));
      byExperiment.set(l.experimentId, list);
    }
    return byExperiment;
  }

  private async assertPrinciples(
    manager: EntityManager,
    workspaceId: string,
    ids: readonly string[],
  ): Promise<void> {
    if (!ids.length) return;
    if (!this.principleLookup) {
      throw invalid(['principleIds'], 'unknown principle', 'not_workspace_principle');
    }
    const found = new Set(await this.principleLookup(manager, workspaceId, ids));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      throw invalid(
        ['principleIds'],
        `unknown principle: ${missing.join(', ')}`,
        'not_workspace_principle',
      );
    }
  }
}

/** The experiment as the PATCH would leave it. */
function merge(current: ExperimentEntity, input: UpdateExperiment) {
  const pick = <K extends keyof UpdateExperiment & keyof ExperimentEntity>(k: K) =>
    (input[k] === undefined ? current[k] : input[k]) as ExperimentEntity[K];
  return {
    title: pick('title'),
    hypothesis: pick('hypothesis'),
    description: pick('description'),
    leadPartnerId: pick('leadPartnerId'),
    partnerIds: pick('partnerIds'),
    targetGroups: pick('targetGroups'),
    barriers: pick('barriers'),
    principleIds: pick('principleIds'),
    neededExpertise: pick('neededExpertise'),
    startDate: pick('startDate'),
    endDate: pick('endDate'),
  };
}
