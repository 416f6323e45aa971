import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  adviceInputSchema,
  createProposalSchema,
  decideInputSchema,
  voteInputSchema,
  type AdviceDto,
  type Page,
  type PartnerDto,
  type ProposalDto,
  type ProposalListQuery,
  type ProposalOutcomeDto,
  type ProposalStatus,
  type Tally,
  type VoteDto,
  type VoteHistoryDto,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In, QueryFailedError } from 'typeorm';
import type { z } from 'zod';
import type { Membership } from '../../common/auth/auth.types';
import { DomainError, forbidden, invalid, notFound } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events/event-bus';
import { keysetPage } from '../../common/pagination/cursor';
import { validationError } from '../../common/validation/zod.pipe';
import { ActivityService } from '../activity/activity.service';
import { PartnersService } from '../partners/partners.service';
import { PoliciesService } from '../policies/policies.service';
import { PrinciplesService } from '../principles/principles.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import {
  ProposalAdviceEntity,
  ProposalEntity,
  ProposalVoteEntity,
  ProposalVoteHistoryEntity,
} from './proposals.entity';
import {
  buildElectorate,
  canAdvise,
  canDecide,
  canVote,
  canWithdraw,
  computeClosesAt,
  computeTally,
  evaluateAtDeadline,
  evaluateOnVote,
  proposalTransition,
  type Check,
  type Closing,
  type CurrentVote,
  type ProposalSnapshot,
  type Refusal,
} from './proposals.engine.util';
import { findInWorkspace } from '../../common/database/workspace-row';

/** Throws the engine's refusal as a domain error: forbidden → 403, invalid → 400, conflict → 409. */
function enforce(check: Check | Refusal | { ok: true }): void {
  if (check.ok) return;
  switch (check.error) {
    // The refusal's reason travels as `details[].rule`, for clients to phrase it themselves.
    case 'forbidden':
      throw new DomainError(ErrorCode.FORBIDDEN, check.message, [
        { path: [], message: check.message, rule: check.reason },
      ]);
    case 'invalid':
      throw invalid(check.path, check.message, check.reason);
    case 'conflict':
      throw new DomainError(ErrorCode.INVALID_STATE, check.message, [
        { path: [], message: check.message, rule: check.reason },
      ]);
  }
}

/** A refusal that is about who the caller is (403) — checked before the body is validated. */
function enforceForbidden(check: Check): void {
  if (!check.ok && check.error === 'forbidden') enforce(check);
}

function parseLater<T extends z.ZodType>(schema: T, body: unknown): () => z.infer<T> {
  const result = schema.safeParse(body ?? {});
  return () => {
    if (!result.success) throw validationError(result.error);
    return result.data;
  };
}

const snapshot = (p: ProposalEntity): ProposalSnapshot => ({
  status: p.status,
  policy: p.policy,
  electorate: p.electorate,
  consultationEndsAt: p.consultationEndsAt,
  closesAt: p.closesAt,
});

const isUniqueViolation = (err: unknown) =>
  err instanceof QueryFailedError &&
  (err.driverError as { code?: string } | undefined)?.code === '23505';

const toVoteDto = (v: ProposalVoteEntity): VoteDto => ({
  partnerId: v.partnerId,
  choice: v.choice,
  reason: v.reason,
  castBy: v.castBy,
  castAt: v.castAt.toISOString(),
});

/** The current votes: the history rows nothing superseded. */
const currentOf = (history: ProposalVoteHistoryEntity[]): ProposalVoteEntity[] =>
  history.filter((v) => v.supersededAt === null) as ProposalVoteEntity[];

/** A current vote as a closing reads it: who voted, how, and who cast it. */
type ClosingVote = CurrentVote & { castBy: string };

type Actor = Pick<Membership, 'workspaceId' | 'userId' | 'role' | 'partnerId' | 'broker'>;

interface Related {
  votes: ProposalVoteEntity[];
  history: ProposalVoteHistoryEntity[];
  advice: ProposalAdviceEntity[];
  candidate: PartnerDto;
}

/**
 * Admission proposals. Every change to an open proposal (vote, advice, decision, withdrawal,
 * deadline) runs in one transaction that first locks the proposal row (SELECT … FOR UPDATE) and
 * re-checks its state, so parallel votes are serialised per proposal, nothing happens after it
 * closed, and a closing (status, outcome, the candidate's new status, the events) commits whole.
 */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnersService,
    private readonly principles: PrinciplesService,
    private readonly policies: PoliciesService,
    private readonly workspaces: WorkspacesService,
    private readonly activity: ActivityService,
    private readonly bus: EventBus,
  ) {}

  // ---- opening -------------------------------------------------------------------------------

  async create(me: Actor, body: unknown): Promise<ProposalDto> {
    await this.assertMayPropose(me);
    const input = parseLater(createProposalSchema, body)();
    const wid = me.workspaceId;
    const id = await this.dataSource.transaction(async (manager) => {
      const now = new Date();
      await this.principles.assertAllInWorkspace(
        wid,
        input.principleFit.map((f) => f.principleId),
        (_id, i) => ['principleFit', i, 'principleId'],
        manager,
      );
      const workspace = await this.workspaces.entity(wid, manager);
      const policy = await this.policies.policyFor(wid, workspace.stage, input.tier, manager);
      const deadlines = computeClosesAt(
        now,
        policy,
        input.closesAt ? new Date(input.closesAt) : undefined,
      );
      if (!deadlines.ok) return enforce(deadlines) as never;

      let candidate: PartnerDto;
      if (input.candidate) {
        candidate = await this.partners.insert(
          manager,
          wid,
          { ...input.candidate, tier: input.tier },
          'candidate',
          me.userId,
        );
      } else {
        const [found] = await this.partners.findInWorkspace(
          wid,
          [input.candidatePartnerId!],
          manager,
        );
        if (!found) {
          throw invalid(
            ['candidatePartnerId'],
            'is not a partner of this workspace',
            'not_workspace_partner',
          );
        }
        candidate = found;
        const promotable = found.status === 'active' && found.tier === 'broad';
        if (found.status === 'active' && !(promotable && input.tier === 'core')) {
          throw new DomainError(
            ErrorCode.INVALID_STATE,
            found.tier === 'core'
              ? 'This partner is already an active core partner'
              : 'An active broad partner can only be proposed for core',
          );
        }
      }

      const electorate = buildElectorate(
        (await this.partners.activeElectorateCandidates(wid, manager)).filter(
          (p) => p.id !== candidate.id,
        ),
        policy.electorate,
      );
      if (!electorate.ok) return enforce(electorate) as never;

      let saved: ProposalEntity;
      try {
        const repo = manager.getRepository(ProposalEntity);
        saved = await repo.save(
          repo.create({
            workspaceId: wid,
            status: 'open',
            tier: input.tier,
            candidatePartnerId: candidate.id,
            inlineCandidate: !!input.candidate,
            rationale: input.rationale,
            principleFit: input.principleFit,
            stage: workspace.stage,
            policy,
            electorate: electorate.electorate,
            consultationEndsAt: deadlines.consultationEndsAt,
            closesAt: deadlines.closesAt,
            closedAt: null,
            outcome: null,
            proposedBy: me.userId,
          }),
        );
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new DomainError(ErrorCode.CONFLICT, 'This candidate already has an open proposal');
        }
        throw err;
      }
      await this.activity.record(manager, {
        workspaceId: wid,
        type: 'proposal.opened',
        actorId: me.userId,
        subjectType: 'proposal',
        subjectId: saved.id,
        partnerIds: [candidate.id],
        // The notification contract (see notifications.module.ts) reads electorate, rule,
        // closesAt, tier and candidateName from here.
        payload: {
          proposalId: saved.id,
          candidatePartnerId: candidate.id,
          candidateName: candidate.name,
          inlineCandidate: !!input.candidate,
          tier: input.tier,
          stage: workspace.stage,
          rule: policy.rule,
          electorate: electorate.electorate,
          proposedBy: me.userId,
          closesAt: deadlines.closesAt.toISOString(),
          consultationEndsAt: deadlines.consultationEndsAt?.toISOString() ?? null,
        },
      });
      return saved.id;
    });
    return this.get(wid, id);
  }

  /** Representatives of an active partner, brokers and coordinators; never observers. */
  private async assertMayPropose(me: Actor): Promise<void> {
    const message = 'Only representatives of active partners, brokers and coordinators can propose';
    if (me.role === 'observer') throw forbidden(message);
    if (me.role === 'coordinator' || me.broker) return;
    if (me.partnerId) {
      const [p] = await this.partners.findInWorkspace(me.workspaceId, [me.partnerId]);
      if (p?.status === 'active') return;
    }
    throw forbidden(message);
  }

  // ---- actions on an open proposal ---------------------------------------------------------

  /**
   * Casts or replaces the vote of the caller's partner; may close the proposal early.
   * The hot path: under the row lock, one statement reads the vote history and writes the vote
   * (supersede, append, upsert the current one); the tally, the verdict and the answer are
   * computed from those rows, so the transaction is short and the answer needs one more read.
   */
  async vote(me: Actor, proposalId: string, body: unknown): Promise<ProposalDto> {
    const parse = parseLater(voteInputSchema, body);
    const { p, history, named } = await this.oneAtATime(proposalId, () =>
      this.dataSource.transaction(async (manager) => {
        const p = await this.lockRaw(manager, me.workspaceId, proposalId);
        const now = new Date();
        enforceForbidden(canVote(now, snapshot(p), me, { choice: 'yes' }));
        const input = parse();
        enforce(canVote(now, snapshot(p), me, input));
        const partnerId = me.partnerId!;
        const reason = input.reason?.length ? input.reason : null;
        // Data-modifying CTEs all run; `prev` sees the history as it was before this statement.
        const prev: ProposalVoteHistoryEntity[] = await manager.query(
          `WITH prev AS (
           SELECT id, "proposalId", "partnerId", choice, reason, "castBy", "castAt", "supersededAt"
           FROM proposal_vote_history WHERE "proposalId" = $1
         ), superseded AS (
           UPDATE proposal_vote_history SET "supersededAt" = $6
           WHERE "proposalId" = $1 AND "partnerId" = $2 AND "supersededAt" IS NULL
         ), appended AS (
           INSERT INTO proposal_vote_history ("proposalId", "partnerId", choice, reason, "castBy", "castAt")
           VALUES ($1, $2, $3, $4, $5, $6)
         ), current AS (
           INSERT INTO proposal_votes ("proposalId", "partnerId", choice, reason, "castBy", "castAt")
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT ("proposalId", "partnerId") DO UPDATE
           SET choice = EXCLUDED.choice, reason = EXCLUDED.reason,
               "castBy" = EXCLUDED."castBy", "castAt" = EXCLUDED."castAt"
         )
         SELECT * FROM prev ORDER BY "castAt", id`,
          [proposalId, partnerId, input.choice, reason, me.userId, now],
        );
        const replaced = prev.some((v) => v.partnerId === partnerId && v.supersededAt === null);
        const history: ProposalVoteHistoryEntity[] = prev.map((v) =>
          v.partnerId === partnerId && v.supersededAt === null ? { ...v, supersededAt: now } : v,
        );
        history.push({
          id: '',
          proposalId,
          partnerId,
          choice: input.choice,
          reason,
          castBy: me.userId,
          castAt: now,
          supersededAt: null,
        });
        const current = currentOf(history);
        const tally = computeTally(p.electorate, current);
        // Read here (not after commit) so the event can name the candidate: the same one read.
        const named = await this.partners.getInWorkspace(
          p.workspaceId,
          p.candidatePartnerId,
          manager,
        );
        await this.activity.record(manager, {
          workspaceId: p.workspaceId,
          type: 'vote.cast',
          actorId: me.userId,
          subjectType: 'proposal',
          subjectId: p.id,
          partnerIds: [partnerId, p.candidatePartnerId],
          payload: {
            proposalId: p.id,
            partnerId,
            choice: input.choice,
            reason,
            replaced,
            candidatePartnerId: p.candidatePartnerId,
            candidateName: named.name,
            tier: p.tier,
          },
        });
        const verdict = evaluateOnVote(p.electorate, current, p.policy);
        if (verdict.closed) {
          // The vote is the voter's act; the closing it triggers is the system's (no actor).
          await this.closeLocked(manager, p, verdict, current, { actorId: null });
        } else {
          this.emitTally(manager, p, tally);
        }
        return { p, history, named };
      }),
    );
    // Votes are refused on autonomous proposals, the only ones with advice: none to read here.
    // A closing may have admitted the candidate: its status is read again after commit.
    const candidate =
      p.status === 'open'
        ? named
        : await this.partners.getInWorkspace(p.workspaceId, p.candidatePartnerId);
    return this.toDto(p, { votes: currentOf(history), history, advice: [], candidate });
  }

  /** Any member but observers, on an autonomous proposal during its consultation. */
  async advise(me: Actor, proposalId: string, body: unknown): Promise<ProposalDto> {
    const parse = parseLater(adviceInputSchema, body);
    const p = await this.dataSource.transaction(async (manager) => {
      const p = await this.lock(manager, me.workspaceId, proposalId);
      const now = new Date();
      enforceForbidden(canAdvise(now, snapshot(p), me));
      const { text } = parse();
      enforce(canAdvise(now, snapshot(p), me));
      const repo = manager.getRepository(ProposalAdviceEntity);
      const saved = await repo.save(
        repo.create({ proposalId, authorId: me.userId, partnerId: me.partnerId, text }),
      );
      await this.activity.record(manager, {
        workspaceId: p.workspaceId,
        type: 'advice.given',
        actorId: me.userId,
        subjectType: 'proposal',
        subjectId: p.id,
        partnerIds: [me.partnerId, p.candidatePartnerId],
        payload: {
          proposalId: p.id,
          adviceId: saved.id,
          partnerId: me.partnerId,
          text,
          candidatePartnerId: p.candidatePartnerId,
          candidateName: (
            await this.partners.getInWorkspace(p.workspaceId, p.candidatePartnerId, manager)
          ).name,
          tier: p.tier,
        },
      });
      return p;
    });
    return this.get(p.workspaceId, p.id);
  }

  /** Autonomous only: a decider's representative (or a coordinator without deciders) decides. */
  async decide(me: Actor, proposalId: string, body: unknown): Promise<ProposalDto> {
    const parse = parseLater(decideInputSchema, body);
    await this.dataSource.transaction(async (manager) => {
      const p = await this.lock(manager, me.workspaceId, proposalId);
      const now = new Date();
      enforceForbidden(canDecide(now, snapshot(p), me));
      const input = parse();
      enforce(canDecide(now, snapshot(p), me));
      const votes = await this.currentVotes(manager, p.id);
      await this.closeLocked(manager, p, { status: input.outcome, reason: 'decided' }, votes, {
        actorId: me.userId,
        extra: {
          decidedBy: me.userId,
          decidedByPartnerId: p.policy.deciders.length ? me.partnerId : null,
          rationale: input.rationale,
        },
      });
    });
    return this.get(me.workspaceId, proposalId);
  }

  /** The proposer or a coordinator, while open. */
  async withdraw(me: Actor, proposalId: string): Promise<ProposalDto> {
    await this.dataSource.transaction(async (manager) => {
      const p = await this.lock(manager, me.workspaceId, proposalId);
      enforce(canWithdraw(new Date(), { ...snapshot(p), proposedBy: p.proposedBy }, me));
      const votes = await this.currentVotes(manager, p.id);
      await this.closeLocked(manager, p, { status: 'withdrawn', reason: 'withdrawn' }, votes, {
        actorId: me.userId,
        extra: { decidedBy: me.userId },
      });
    });
    return this.get(me.workspaceId, proposalId);
  }

  /**
   * Closes due proposals (open, `closesAt <= now()`), one transaction each. Rows are taken with
   * FOR UPDATE SKIP LOCKED, so several instances sweeping at once never close one twice, and a
   * proposal a vote is holding is simply picked up by the next sweep. Answers how many it closed.
   */
  async closeDue(max = 200): Promise<number> {
    let closed = 0;
    while (closed < max) {
      const did = await this.dataSource.transaction(async (manager) => {
        const [p] = await manager
          .getRepository(ProposalEntity)
          .createQueryBuilder('p')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(`p.status = 'open' AND p.closesAt <= now()`)
          .orderBy('p.closesAt', 'ASC')
          .limit(1)
          .getMany();
        if (!p) return false;
        const votes = await this.currentVotes(manager, p.id);
        const closing = evaluateAtDeadline(p.electorate, votes, p.policy);
        await this.closeLocked(manager, p, closing, votes, { actorId: null });
        return true;
      });
      if (!did) break;
      closed++;
    }
    return closed;
  }

  // ---- reading -------------------------------------------------------------------------------

  async get(workspaceId: string, proposalId: string): Promise<ProposalDto> {
    const p = await this.dataSource
      .getRepository(ProposalEntity)
      .findOneBy({ id: proposalId, workspaceId });
    if (!p) throw notFound('Proposal');
    const [dto] = await this.toDtos(workspaceId, [p]);
    return dto!;
  }

  /** Open proposals first, then the newest. */
  async list(workspaceId: string, q: ProposalListQuery): Promise<Page<ProposalDto>> {
    const qb = this.dataSource
      .getRepository(ProposalEntity)
      .createQueryBuilder('p')
      .where('p.workspaceId = :workspaceId', { workspaceId });
    if (q.status) qb.andWhere('p.status = :status', { status: q.status });
    const page = await keysetPage(qb, {
      keys: [
        {
          column: `(CASE WHEN p.status = 'open' THEN 1 ELSE 0 END)`,
          kind: 'int',
          value: (p) => (p.status === 'open' ? '1' : '0'),
        },
        { column: 'p.createdAt', kind: 'timestamp', value: (p) => p.createdAt.toISOString() },
        { column: 'p.id', kind: 'uuid', value: (p) => p.id },
      ],
      direction: 'DESC',
      limit: q.limit,
      cursor: q.cursor,
    });
    return { items: await this.toDtos(workspaceId, page.items), nextCursor: page.nextCursor };
  }

  /**
   * Every proposal of the workspace for the research export, oldest first, in keyset batches:
   * the proposal as the API answers it (policy snapshot, electorate, outcome, tally, votes,
   * voteHistory, advice, the candidate).
   */
  async *exportBatches(workspaceId: string, batchSize: number): AsyncGenerator<ProposalDto[]> {
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const qb = this.dataSource
        .getRepository(ProposalEntity)
        .createQueryBuilder('p')
        .where('p.workspaceId = :workspaceId', { workspaceId });
      if (after) qb.andWhere('(p.createdAt, p.id) > (:createdAt, :id)', after);
      const rows = await qb
        .orderBy('p.createdAt', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (!rows.length) return;
      yield await this.toDtos(workspaceId, rows);
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  // ---- internals -----------------------------------------------------------------------------

  private readonly queues = new Map<string, Promise<unknown>>();

  /**
   * Runs this instance's transactions on one proposal one after the other. The row lock alone
   * is what makes them correct (also across instances); queueing here first keeps waiters from
   * each holding a pooled connection while blocked on that lock, which starved the pool under
   * load (many voters on few proposals).
   */
  private oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  /** The proposal row, locked for this transaction (404 when not in this workspace). */
  private async lock(
    manager: EntityManager,
    workspaceId: string,
    proposalId: string,
  ): Promise<ProposalEntity> {
    return findInWorkspace(manager, ProposalEntity, 'Proposal', workspaceId, proposalId, {
      lock: true,
    });
  }

  /** `lock` without the query builder (the vote path): the same row, FOR UPDATE. */
  private async lockRaw(
    manager: EntityManager,
    workspaceId: string,
    proposalId: string,
  ): Promise<ProposalEntity> {
    const [row] = (await manager.query(
      `SELECT * FROM proposals WHERE id = $1 AND "workspaceId" = $2 FOR UPDATE`,
      [proposalId, workspaceId],
    )) as ProposalEntity[];
    if (!row) throw notFound('Proposal');
    return Object.assign(new ProposalEntity(), row);
  }

  private currentVotes(manager: EntityManager, proposalId: string): Promise<ClosingVote[]> {
    return manager.getRepository(ProposalVoteEntity).find({
      select: { partnerId: true, choice: true, castBy: true },
      where: { proposalId },
      order: { castAt: 'ASC', partnerId: 'ASC' },
    });
  }

  /**
   * Ends a proposal the caller has locked, in the caller's transaction: status, outcome,
   * closedAt; the candidate's new status; `proposal.closed` (+ partner events); and, after
   * commit, `proposal:tally`. `votes` are the current votes (the tally is computed from them).
   */
  private async closeLocked(
    manager: EntityManager,
    p: ProposalEntity,
    closing: Closing | { status: 'withdrawn'; reason: 'withdrawn' },
    votes: ClosingVote[],
    opts: { actorId: string | null; extra?: Partial<ProposalOutcomeDto> },
  ): Promise<void> {
    enforce(proposalTransition(p.status, closing.status));
    const tally = computeTally(p.electorate, votes);
    const candidate = await this.partners.getInWorkspace(
      p.workspaceId,
      p.candidatePartnerId,
      manager,
    );
    const outcome: ProposalOutcomeDto = {
      status: closing.status,
      reason: closing.reason,
      ...opts.extra,
    };
    const closedAt = new Date();
    await manager
      .getRepository(ProposalEntity)
      .update({ id: p.id }, { status: closing.status, outcome, closedAt });
    Object.assign(p, { status: closing.status, outcome, closedAt, updatedAt: closedAt });
    await this.activity.record(manager, {
      workspaceId: p.workspaceId,
      type: 'proposal.closed',
      actorId: opts.actorId,
      subjectType: 'proposal',
      subjectId: p.id,
      partnerIds: [p.candidatePartnerId],
      // The notification contract reads status, reason, candidateName, tier, proposedBy and
      // votes (the voters hear the outcome) from here.
      payload: {
        proposalId: p.id,
        candidatePartnerId: p.candidatePartnerId,
        candidateName: candidate.name,
        tier: p.tier,
        rule: p.policy.rule,
        proposedBy: p.proposedBy,
        ...outcome,
        tally,
        votes: votes.map((v) => ({ partnerId: v.partnerId, choice: v.choice, castBy: v.castBy })),
      },
    });
    if (closing.status === 'accepted') {
      await this.partners.admit(manager, {
        workspaceId: p.workspaceId,
        partnerId: p.candidatePartnerId,
        tier: p.tier,
        proposalId: p.id,
        // Applying the outcome is the system's act, whoever closed the proposal.
        actorId: null,
      });
    } else if (p.inlineCandidate) {
      await this.partners.rejectCandidate(manager, {
        workspaceId: p.workspaceId,
        partnerId: p.candidatePartnerId,
        proposalId: p.id,
        actorId: null,
        status: closing.status,
      });
    }
    this.emitTally(manager, p, tally);
  }

  private emitTally(manager: EntityManager, p: ProposalEntity, tally: Tally): void {
    const status: ProposalStatus = p.status;
    this.bus.emitAfterCommit(manager, 'proposal.tally', {
      proposalId: p.id,
      workspaceId: p.workspaceId,
      status,
      tally,
    });
  }

  private async toDtos(workspaceId: string, rows: ProposalEntity[]): Promise<ProposalDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((p) => p.id);
    const [votes, history, advice, candidates] = await Promise.all([
      this.dataSource.getRepository(ProposalVoteEntity).findBy({ proposalId: In(ids) }),
      this.dataSource
        .getRepository(ProposalVoteHistoryEntity)
        .find({ where: { proposalId: In(ids) }, order: { castAt: 'ASC', id: 'ASC' } }),
      this.dataSource
        .getRepository(ProposalAdviceEntity)
        .find({ where: { proposalId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.partners.findInWorkspace(
        workspaceId,
        rows.map((p) => p.candidatePartnerId),
      ),
    ]);
    const byId = new Map(candidates.map((c) => [c.id, c]));
    return rows.map((p) =>
      this.toDto(p, {
        votes: votes.filter((v) => v.proposalId === p.id),
        history: history.filter((v) => v.proposalId === p.id),
        advice: advice.filter((a) => a.proposalId === p.id),
        candidate: byId.get(p.candidatePartnerId)!,
      }),
    );
  }

  private toDto(p: ProposalEntity, r: Related): ProposalDto {
    // Votes in electorate order, so the answer does not depend on storage order.
    const order = new Map(p.electorate.map((m, i) => [m.partnerId, i]));
    const votes = [...r.votes].sort(
      (a, b) => (order.get(a.partnerId) ?? 0) - (order.get(b.partnerId) ?? 0),
    );
    return {
      id: p.id,
      workspaceId: p.workspaceId,
      status: p.status,
      tier: p.tier,
      candidatePartnerId: p.candidatePartnerId,
      candidate: r.candidate,
      rationale: p.rationale,
      principleFit: p.principleFit,
      policy: p.policy,
      stage: p.stage,
      electorate: p.electorate,
      consultationEndsAt: p.consultationEndsAt?.toISOString() ?? null,
      closesAt: p.closesAt.toISOString(),
      closedAt: p.closedAt?.toISOString() ?? null,
      outcome: p.outcome,
      tally: computeTally(p.electorate, votes),
      votes: votes.map(toVoteDto),
      voteHistory: r.history.map((v): VoteHistoryDto => ({
        ...toVoteDto(v as unknown as ProposalVoteEntity),
        supersededAt: v.supersededAt?.toISOString() ?? null,
      })),
      advice: r.advice.map((a): AdviceDto => ({
        id: a.id,
        text: a.text,
        authorId: a.authorId,
        partnerId: a.partnerId,
        createdAt: a.createdAt.toISOString(),
      })),
      proposedBy: p.proposedBy,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}
