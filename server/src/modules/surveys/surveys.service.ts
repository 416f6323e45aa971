import { Injectable } from '@nestjs/common';
import {
  canAnswerSurveyFor,
  canManageSurveys,
  canReadAllSurveyResponses,
  canReadSurveyResponse,
  ErrorCode,
  type CreateSurveyWave,
  type Page,
  type PerceivedNetworkDto,
  type SurveyListQuery,
  type SurveyResponseDto,
  type SubmitSurveyResponse,
  type Stage,
  type SurveyNetworkScores,
  type SurveyScoresDto,
  type SurveyStatus,
  type SurveyWaveDto,
} from '@coalesce/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import { clock } from '../../common/clock/clock';
import { findInWorkspace } from '../../common/database/workspace-row';
import { DomainError, forbidden, invalid, notFound } from '../../common/errors/domain-error';
import { keysetPage } from '../../common/pagination/cursor';
import { ActivityService } from '../activity/activity.service';
import { PartnersService } from '../partners/partners.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { SurveyResponseEntity, SurveyWaveEntity } from './surveys.entity';
import { surveysRepository as repo } from './surveys.repository';
import {
  networkScores,
  partnerScores,
  perceivedTies,
  scoreChange,
  stageProfile,
  tieDifferences,
} from './surveys.scores.util';

export const MANAGE_DENIED = 'Only coordinators open and close survey waves';

export function statusOf(w: SurveyWaveEntity, now = clock.now()): SurveyStatus {
  if (w.closedAt || w.closesAt.getTime() <= now.getTime()) return 'closed';
  return w.openedAt ? 'open' : 'scheduled';
}

function toWaveDto(w: SurveyWaveEntity, respondents: string[]): SurveyWaveDto {
  return {
    id: w.id,
    workspaceId: w.workspaceId,
    title: w.title,
    status: statusOf(w),
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    closedAt: w.closedAt?.toISOString() ?? null,
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
    declaredStage: w.declaredStage ?? 'hypothesis_vision',
    roster: w.roster,
    responseCount: respondents.length,
    respondedPartnerIds: respondents,
  };
}

function toResponseDto(r: SurveyResponseEntity): SurveyResponseDto {
  return {
    waveId: r.waveId,
    partnerId: r.partnerId,
    ties: r.ties,
    stage: r.stage,
    submittedBy: r.submittedBy,
    submittedAt: r.submittedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Relationship survey waves and the stage self-assessment. Individual answers are read only by
 * coordinators and by the answering partner's representatives (their own); everyone else,
 * observers included, sees the scores, which rest on at least SURVEY_MIN_RATERS partners.
 */
@Injectable()
export class SurveysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly partners: PartnersService,
    private readonly workspaces: WorkspacesService,
  ) {}

  // ---- endpoints -----------------------------------------------------------------------------

  async create(me: Membership, input: CreateSurveyWave): Promise<SurveyWaveDto> {
    if (!canManageSurveys(me)) throw forbidden(MANAGE_DENIED);
    const now = clock.now();
    const opensAt = input.opensAt ? new Date(input.opensAt) : now;
    const closesAt = new Date(input.closesAt);
    if (closesAt.getTime() <= now.getTime()) {
      throw invalid(['closesAt'], 'must be in the future', 'survey_closes_in_future');
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const waves = manager.getRepository(SurveyWaveEntity);
      const saved = await waves.save(
        waves.create({
          workspaceId: me.workspaceId,
          title: input.title,
          opensAt,
          closesAt,
          openedAt: null,
          remindedAt: null,
          closedAt: null,
          roster: [],
          declaredStage: null,
          createdBy: me.userId,
          createdAt: clock.stamp(),
        }),
      );
      if (opensAt.getTime() <= now.getTime()) {
        await this.open(manager, saved, me.userId);
      } else {
        await this.activity.record(manager, {
          workspaceId: me.workspaceId,
          type: 'survey.scheduled',
          actorId: me.userId,
          subjectType: 'survey',
          subjectId: saved.id,
          payload: {
            waveId: saved.id,
            title: saved.title,
            opensAt: opensAt.toISOString(),
            closesAt: closesAt.toISOString(),
          },
        });
      }
      return saved.id;
    });
    return this.get(me.workspaceId, id);
  }

  async list(workspaceId: string, q: SurveyListQuery): Promise<Page<SurveyWaveDto>> {
    const qb = this.dataSource
      .getRepository(SurveyWaveEntity)
      .createQueryBuilder('w')
      .where('w.workspaceId = :workspaceId', { workspaceId });
    const page = await keysetPage(qb, {
      keys: [
        { column: 'w.opensAt', kind: 'timestamp', value: (w) => w.opensAt.toISOString() },
        { column: 'w.id', kind: 'uuid', value: (w) => w.id },
      ],
      direction: 'DESC',
      limit: q.limit,
      cursor: q.cursor,
    });
    const respondents = await repo.respondentsOf(
      this.dataSource.manager,
      page.items.map((w) => w.id),
    );
    return {
      items: page.items.map((w) => toWaveDto(w, respondents.get(w.id) ?? [])),
      nextCursor: page.nextCursor,
    };
  }

  async get(workspaceId: string, waveId: string): Promise<SurveyWaveDto> {
    const w = await this.find(this.dataSource.manager, workspaceId, waveId);
    const respondents = await repo.respondentsOf(this.dataSource.manager, [w.id]);
    return toWaveDto(w, respondents.get(w.id) ?? []);
  }

  /** 404 (wave, or a partner not asked), then 403: only the partner's representatives answer. */
  async authorizeSubmit(me: Membership, waveId: string, partnerId: string) {
    const found = await this.find(this.dataSource.manager, me.workspaceId, waveId);
    this.assertAsked(found, partnerId);
    if (!canAnswerSurveyFor(me, partnerId)) {
      throw forbidden('Only a representative of this partner can answer for it');
    }
    return found;
  }

  /**
   * A representative answers for their partner (again: it replaces the answer) while the wave
   * is open: 404 (wave, or a partner not asked) → 403 → 400 → 409 (not open).
   */
  async submit(
    me: Membership,
    waveId: string,
    partnerId: string,
    input: SubmitSurveyResponse,
  ): Promise<SurveyResponseDto> {
    const found = await this.authorizeSubmit(me, waveId, partnerId);
    const asked = new Set(found.roster.map((r) => r.partnerId));
    input.ties.forEach((t, i) => {
      if (t.partnerId === partnerId) {
        throw invalid(['ties', i, 'partnerId'], 'a partner does not rate itself', 'survey_self');
      }
      if (found.openedAt && !asked.has(t.partnerId)) {
        throw invalid(
          ['ties', i, 'partnerId'],
          'is not a partner asked in this wave',
          'survey_not_on_roster',
        );
      }
    });
    await this.dataSource.transaction(async (manager) => {
      // Locked, so the closing sweep and a submission never interleave.
      const w = await this.find(manager, me.workspaceId, waveId, true);
      const status = statusOf(w);
      if (status !== 'open') {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          status === 'closed'
            ? 'This survey wave is closed'
            : 'This survey wave has not opened yet',
        );
      }
      const now = clock.now();
      const { revised } = await repo.upsertResponse(manager, {
        workspaceId: me.workspaceId,
        waveId,
        partnerId,
        ties: input.ties,
        stage: input.stage,
        submittedBy: me.userId,
        submittedAt: now,
        updatedAt: now,
      });
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'survey.response_submitted',
        actorId: me.userId,
        subjectType: 'survey',
        subjectId: waveId,
        partnerIds: [partnerId],
        // Who answered, never what: the log is read by every member.
        payload: {
          waveId,
          title: w.title,
          partnerId,
          partnerName: w.roster.find((r) => r.partnerId === partnerId)?.name,
          revised,
        },
      });
    });
    return this.response(me, waveId, partnerId);
  }

  /** One partner's answer: coordinators and that partner's representatives (404 when none). */
  async response(me: Membership, waveId: string, partnerId: string): Promise<SurveyResponseDto> {
    const w = await this.find(this.dataSource.manager, me.workspaceId, waveId);
    this.assertAsked(w, partnerId);
    if (!canReadSurveyResponse(me, partnerId)) {
      throw forbidden('Individual answers are visible to coordinators and the partner itself');
    }
    const row = await this.dataSource
      .getRepository(SurveyResponseEntity)
      .findOneBy({ waveId, partnerId });
    if (!row) throw notFound('Response');
    return toResponseDto(row);
  }

  /** Every answer of a wave (coordinators). */
  async responses(me: Membership, waveId: string): Promise<Page<SurveyResponseDto>> {
    const w = await this.find(this.dataSource.manager, me.workspaceId, waveId);
    if (!canReadAllSurveyResponses(me)) {
      throw forbidden('Individual answers are visible to coordinators only');
    }
    const rows = await repo.responsesOf(this.dataSource.manager, [w.id]);
    return { items: rows.map(toResponseDto), nextCursor: null };
  }

  /** The aggregates every member (observers too) may read. */
  async scores(workspaceId: string, waveId: string): Promise<SurveyScoresDto> {
    const manager = this.dataSource.manager;
    const w = await this.find(manager, workspaceId, waveId);
    const previous = await repo.previousOf(manager, w);
    const rows = await repo.responsesOf(manager, previous ? [w.id, previous.id] : [w.id]);
    const of = (id: string) => rows.filter((r) => r.waveId === id);
    const network = networkScores(w.roster, of(w.id));
    return {
      wave: toWaveDto(
        w,
        of(w.id).map((r) => r.partnerId),
      ),
      network,
      partners: partnerScores(w.roster, of(w.id)),
      stageProfile: stageProfile(w.roster, of(w.id)),
      previous: previous
        ? {
            waveId: previous.id,
            title: previous.title,
            change: scoreChange(network, networkScores(previous.roster, of(previous.id))),
          }
        : null,
    };
  }

  /** Closes a wave now (coordinators): 409 when it is already closed. */
  async close(me: Membership, waveId: string): Promise<SurveyWaveDto> {
    if (!canManageSurveys(me)) throw forbidden(MANAGE_DENIED);
    await this.dataSource.transaction(async (manager) => {
      const w = await this.find(manager, me.workspaceId, waveId, true);
      if (statusOf(w) === 'closed') {
        throw new DomainError(ErrorCode.INVALID_STATE, 'This survey wave is already closed');
      }
      await this.markClosed(manager, w, me.userId);
    });
    return this.get(me.workspaceId, waveId);
  }

  // ---- for other modules ---------------------------------------------------------------------

  /**
   * The map's survey layer at `at`: the perceived ties of the wave in force then, and where
   * they disagree with `logged` (the network's edges at that moment).
   */
  async perceivedAt(
    workspaceId: string,
    at: Date,
    logged: readonly { source: string; target: string; kinds: readonly string[] }[],
  ): Promise<PerceivedNetworkDto> {
    const manager = this.dataSource.manager;
    const w = await repo.inForceAt(manager, workspaceId, at);
    if (!w) return { wave: null, edges: [], differences: [] };
    const rows = await repo.responsesOf(manager, [w.id]);
    const edges = perceivedTies(w.roster, rows);
    return {
      wave: {
        id: w.id,
        title: w.title,
        opensAt: w.opensAt.toISOString(),
        closesAt: w.closesAt.toISOString(),
        status: statusOf(w),
      },
      edges,
      differences: tieDifferences(logged, edges, new Set(rows.map((r) => r.partnerId))),
    };
  }

  /**
   * Every opened wave with its answers and scores, oldest first, for the research export (which
   * applies its own rule on who receives individual answers, and pseudonymises them).
   */
  async researchData(workspaceId: string): Promise<
    {
      id: string;
      title: string;
      status: SurveyStatus;
      opensAt: Date;
      closesAt: Date;
      closedAt: Date | null;
      declaredStage: Stage;
      roster: { partnerId: string; name: string }[];
      responses: SurveyResponseEntity[];
      scores: Omit<SurveyScoresDto, 'wave'>;
    }[]
  > {
    const manager = this.dataSource.manager;
    const waves = await manager
      .getRepository(SurveyWaveEntity)
      .createQueryBuilder('w')
      .where('w.workspaceId = :workspaceId AND w.openedAt IS NOT NULL', { workspaceId })
      .orderBy('w.opensAt', 'ASC')
      .addOrderBy('w.id', 'ASC')
      .getMany();
    const rows = await repo.responsesOf(
      manager,
      waves.map((w) => w.id),
    );
    let previous: { id: string; title: string; network: SurveyNetworkScores } | null = null;
    return waves.map((w) => {
      const responses = rows.filter((r) => r.waveId === w.id);
      const network = networkScores(w.roster, responses);
      const scores: Omit<SurveyScoresDto, 'wave'> = {
        network,
        partners: partnerScores(w.roster, responses),
        stageProfile: stageProfile(w.roster, responses),
        previous: previous
          ? {
              waveId: previous.id,
              title: previous.title,
              change: scoreChange(network, previous.network),
            }
          : null,
      };
      previous = { id: w.id, title: w.title, network };
      return {
        id: w.id,
        title: w.title,
        status: statusOf(w),
        opensAt: w.opensAt,
        closesAt: w.closesAt,
        closedAt: w.closedAt,
        declaredStage: w.declaredStage ?? 'hypothesis_vision',
        roster: w.roster,
        responses,
        scores,
      };
    });
  }

  /**
   * Every opened wave (roster and opening) with who answered and how they rated each tie, for
   * the participation module's aggregates (it never exposes individual answers).
   */
  async participationRows(workspaceId: string): Promise<{
    waves: { id: string; opensAt: Date; rosterPartnerIds: string[] }[];
    respondents: { waveId: string; partnerId: string }[];
    ratings: {
      waveId: string;
      raterPartnerId: string;
      ratedPartnerId: string;
      level: string | null;
      submittedAt: Date;
    }[];
  }> {
    const manager = this.dataSource.manager;
    const waves = await manager
      .getRepository(SurveyWaveEntity)
      .createQueryBuilder('w')
      .where('w.workspaceId = :workspaceId AND w.openedAt IS NOT NULL', { workspaceId })
      .getMany();
    const rows = await repo.responsesOf(
      manager,
      waves.map((w) => w.id),
    );
    return {
      waves: waves.map((w) => ({
        id: w.id,
        opensAt: w.opensAt,
        rosterPartnerIds: w.roster.map((r) => r.partnerId),
      })),
      respondents: rows.map((r) => ({ waveId: r.waveId, partnerId: r.partnerId })),
      ratings: rows.flatMap((r) =>
        r.ties.map((t) => ({
          waveId: r.waveId,
          raterPartnerId: r.partnerId,
          ratedPartnerId: t.partnerId,
          level: t.worksWith ? (t.level ?? null) : null,
          submittedAt: r.submittedAt,
        })),
      ),
    };
  }

  // ---- sweeps --------------------------------------------------------------------------------

  /**
   * Opens due waves, sends the one reminder of each wave REMINDER_LEAD_HOURS before it closes,
   * and closes due waves, one transaction per wave and step. The state is in the wave rows, so a
   * step due while the server was down happens at the next start; SKIP LOCKED makes instances
   * take each step exactly once. Answers how many steps it took.
   */
  /** When `sweep` has work next (ms since the epoch; null: no wave waits for a step). */
  nextDueAt(leadHours: number): Promise<number | null> {
    return repo.nextDue(this.dataSource.manager, leadHours);
  }

  async sweep(opts: { leadHours: number; skip?: string[]; only?: string }, max = 200) {
    let done = 0;
    for (const step of ['open', 'close', 'remind'] as const) {
      while (done < max) {
        const did = await this.dataSource.transaction(async (manager) => {
          const now = clock.now();
          const w = await repo.claimDue(manager, step, {
            now,
            leadHours: opts.leadHours,
            skip: opts.skip ?? [],
            ...(opts.only ? { only: opts.only } : {}),
          });
          if (!w) return false;
          if (step === 'open') await this.open(manager, w, null);
          else if (step === 'close') await this.markClosed(manager, w, null);
          else await this.remind(manager, w);
          return true;
        });
        if (!did) break;
        done++;
      }
    }
    return done;
  }

  // ---- internals -----------------------------------------------------------------------------

  private find(manager: EntityManager, workspaceId: string, waveId: string, lock = false) {
    return findInWorkspace(manager, SurveyWaveEntity, 'Survey wave', workspaceId, waveId, {
      lock,
    });
  }

  /** A partner the wave did not ask is unknown here (404), like an unknown wave. */
  private assertAsked(w: SurveyWaveEntity, partnerId: string): void {
    if (w.openedAt && !w.roster.some((r) => r.partnerId === partnerId)) {
      throw notFound('Partner in this survey wave');
    }
  }

  private async open(
    manager: EntityManager,
    w: SurveyWaveEntity,
    actorId: string | null,
  ): Promise<void> {
    const now = clock.now();
    const active = await this.partners.activePartnersAt(w.workspaceId, now, manager);
    const roster = active
      .filter((p) => p.status === 'active')
      .map((p) => ({ partnerId: p.id, name: p.name }));
    const stage = (await this.workspaces.entity(w.workspaceId, manager)).stage;
    await manager
      .getRepository(SurveyWaveEntity)
      .update({ id: w.id }, { openedAt: now, roster, declaredStage: stage });
    await this.activity.record(manager, {
      workspaceId: w.workspaceId,
      type: 'survey.opened',
      actorId,
      subjectType: 'survey',
      subjectId: w.id,
      partnerIds: roster.map((r) => r.partnerId),
      payload: {
        waveId: w.id,
        title: w.title,
        opensAt: w.opensAt.toISOString(),
        closesAt: w.closesAt.toISOString(),
        declaredStage: stage,
        partnerIds: roster.map((r) => r.partnerId),
      },
    });
  }

  private async remind(manager: EntityManager, w: SurveyWaveEntity): Promise<void> {
    const answered = new Set(
      (await repo.respondentsOf(manager, [w.id])).get(w.id) ?? ([] as string[]),
    );
    const missing = w.roster.map((r) => r.partnerId).filter((p) => !answered.has(p));
    await manager.getRepository(SurveyWaveEntity).update({ id: w.id }, { remindedAt: clock.now() });
    if (!missing.length) return;
    await this.activity.record(manager, {
      workspaceId: w.workspaceId,
      type: 'survey.reminded',
      actorId: null,
      subjectType: 'survey',
      subjectId: w.id,
      partnerIds: missing,
      payload: {
        waveId: w.id,
        title: w.title,
        closesAt: w.closesAt.toISOString(),
        partnerIds: missing,
      },
    });
  }

  private async markClosed(
    manager: EntityManager,
    w: SurveyWaveEntity,
    actorId: string | null,
  ): Promise<void> {
    const now = clock.now();
    // Closed by hand before its time: the wave's span ends now.
    const closesAt = w.closesAt.getTime() > now.getTime() ? now : w.closesAt;
    await manager
      .getRepository(SurveyWaveEntity)
      .update({ id: w.id }, { closedAt: now, closesAt, ...(w.openedAt ? {} : { openedAt: null }) });
    const answered = (await repo.respondentsOf(manager, [w.id])).get(w.id) ?? [];
    await this.activity.record(manager, {
      workspaceId: w.workspaceId,
      type: 'survey.closed',
      actorId,
      subjectType: 'survey',
      subjectId: w.id,
      payload: {
        waveId: w.id,
        title: w.title,
        closesAt: closesAt.toISOString(),
        responseCount: answered.length,
        rosterSize: w.roster.length,
      },
    });
  }
}
