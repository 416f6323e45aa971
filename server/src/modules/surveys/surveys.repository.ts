import type { EntityManager } from 'typeorm';
import { SurveyResponseEntity, SurveyWaveEntity } from './surveys.entity';

/** The surveys module's queries (its tables only). */
export const surveysRepository = {
  /**
   * Inside the caller's transaction: one wave due for `step`, locked FOR UPDATE SKIP LOCKED so
   * instances sweeping at once take different waves (and a wave a submission holds waits for
   * the next sweep). `skip` leaves paused workspaces (a demo being written) alone.
   */
  async claimDue(
    manager: EntityManager,
    step: 'open' | 'remind' | 'close',
    opts: { now: Date; leadHours: number; skip: string[]; only?: string },
  ): Promise<SurveyWaveEntity | null> {
    const qb = manager
      .getRepository(SurveyWaveEntity)
      .createQueryBuilder('w')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('w.closedAt IS NULL');
    if (step === 'open') {
      qb.andWhere('w.openedAt IS NULL AND w.opensAt <= :now AND w.closesAt > :now');
    } else if (step === 'remind') {
      qb.andWhere(
        `w.openedAt IS NOT NULL AND w.remindedAt IS NULL AND w.closesAt > :now
         AND w.closesAt - make_interval(secs => :lead) <= :now`,
      );
    } else {
      qb.andWhere('w.closesAt <= :now');
    }
    qb.setParameters({ now: opts.now, lead: opts.leadHours * 3600 });
    if (opts.skip.length) qb.andWhere('NOT (w.workspaceId = ANY(:skip))', { skip: opts.skip });
    if (opts.only) qb.andWhere('w.workspaceId = :only', { only: opts.only });
    return qb.orderBy('w.closesAt', 'ASC').addOrderBy('w.id', 'ASC').limit(1).getOne();
  },

  /**
   * The earliest moment (ms since the epoch) a wave not closed yet falls due for a step: its
   * opening, its reminder (`closesAt - leadHours`, once opened and not yet reminded) or its
   * closing. Null: no such wave. Paused workspaces count too (their moment is then passed over).
   */
  async nextDue(manager: EntityManager, leadHours: number): Promise<number | null> {
    const [row] = (await manager.query(
      `SELECT extract(epoch FROM min(LEAST(
                CASE WHEN "openedAt" IS NULL THEN "opensAt" END,
                CASE WHEN "openedAt" IS NOT NULL AND "remindedAt" IS NULL
                     THEN "closesAt" - make_interval(secs => $1) END,
                "closesAt"))) * 1000 AS at
         FROM survey_waves WHERE "closedAt" IS NULL`,
      [leadHours * 3600],
    )) as { at: string | null }[];
    return row?.at == null ? null : Math.ceil(Number(row.at));
  },

  /** Replaces (or creates) a partner's response; answers whether one existed before. */
  async upsertResponse(
    manager: EntityManager,
    r: Omit<SurveyResponseEntity, 'id'>,
  ): Promise<{ revised: boolean }> {
    const [row] = (await manager.query(
      `INSERT INTO survey_responses
         ("workspaceId", "waveId", "partnerId", ties, stage, "submittedBy", "submittedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT ("waveId", "partnerId") DO UPDATE
         SET ties = EXCLUDED.ties, stage = EXCLUDED.stage,
             "submittedBy" = EXCLUDED."submittedBy", "updatedAt" = EXCLUDED."updatedAt"
       RETURNING (xmax <> 0) AS revised`,
      [
        r.workspaceId,
        r.waveId,
        r.partnerId,
        JSON.stringify(r.ties),
        JSON.stringify(r.stage),
        r.submittedBy,
        r.submittedAt,
      ],
    )) as { revised: boolean }[];
    return { revised: !!row?.revised };
  },

  responsesOf(manager: EntityManager, waveIds: string[]): Promise<SurveyResponseEntity[]> {
    if (!waveIds.length) return Promise.resolve([]);
    return manager
      .getRepository(SurveyResponseEntity)
      .createQueryBuilder('r')
      .where('r.waveId = ANY(:waveIds)', { waveIds })
      .orderBy('r.submittedAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  },

  /** Who answered each wave (ids only: what they answered stays out of public views). */
  async respondentsOf(manager: EntityManager, waveIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!waveIds.length) return out;
    const rows = (await manager.query(
      `SELECT "waveId", "partnerId" FROM survey_responses WHERE "waveId" = ANY($1)
        ORDER BY "submittedAt", id`,
      [waveIds],
    )) as { waveId: string; partnerId: string }[];
    for (const r of rows) out.set(r.waveId, [...(out.get(r.waveId) ?? []), r.partnerId]);
    return out;
  },

  /** The opened wave before `wave` (by opening), for the change since then. */
  previousOf(manager: EntityManager, wave: SurveyWaveEntity): Promise<SurveyWaveEntity | null> {
    return manager
      .getRepository(SurveyWaveEntity)
      .createQueryBuilder('w')
      .where('w.workspaceId = :wid AND w.openedAt IS NOT NULL', { wid: wave.workspaceId })
      .andWhere('(w.opensAt, w.id) < (:opensAt, :id)', { opensAt: wave.opensAt, id: wave.id })
      .orderBy('w.opensAt', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .limit(1)
      .getOne();
  },

  /** The wave in force at `at`: the latest that had opened by then. */
  inForceAt(
    manager: EntityManager,
    workspaceId: string,
    at: Date,
  ): Promise<SurveyWaveEntity | null> {
    return manager
      .getRepository(SurveyWaveEntity)
      .createQueryBuilder('w')
      .where('w.workspaceId = :workspaceId AND w.openedAt IS NOT NULL', { workspaceId })
      .andWhere('w.opensAt <= :at', { at })
      .orderBy('w.opensAt', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .limit(1)
      .getOne();
  },
};
