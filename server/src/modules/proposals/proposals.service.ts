import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  LIMITS,
  canPropose,
  canAddStatement,
  canExtend,
  canRemind,
  effectiveVotes,
  PROPOSE_DENIED,
  REMIND_INTERVAL_MS,
  type AdviceDto,
  type AdviceInput,
  type CreateProposal,
  type DecideInput,
  type ExtendProposalInput,
  type ElectorateMember,
  type Page,
  type PartnerDto,
  type PendingVoteDto,
  type Policy,
  type ProposalDto,
  type ProposalPreviewDto,
  type Stage,
  type ProposalListQuery,
  type ProposalOutcomeDto,
  type ProposalStatus,
  type StatementInput,
  type Tally,
  type VoteDto,
  type VoteInput,
  type VoteHistoryDto,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import {
  DomainError,
  RateLimitedError,
  forbidden,
  invalid,
  notFound,
} from '../../common/errors/domain-error';
import { EventBus } from '../../common/events/event-bus';
import { keysetPage } from '../../common/pagination/cursor';
import { isUniqueViolation } from '../../common/database/unique-violation.util';
import { ActivityService } from '../activity/activity.service';
import { InvitationsService } from '../invitations/invitations.service';
import { MembersService } from '../members/members.service';
import { PartnersService, type PartnerRecord } from '../partners/partners.service';
import { PoliciesService } from '../policies/policies.service';
import { PrinciplesService } from '../principles/principles.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { NotificationsService } from '../notifications/notifications.service';
import type {
  DueReminderCursor,
  DueReminderSource,
  DueVoteReminder,
} from '../notifications/vote-reminders.service';
import { proposalsRepository } from './proposals.repository';
import {
  ProposalAdviceEntity,
  ProposalEntity,
  ProposalVoteEntity,
  ProposalVoteHistoryEntity,
} from './proposals.entity';
import {
  buildElectorate,
  electorateMembers,
  canAdvise,
  canDecide,
  canVote,
  canWithdraw,
  computeClosesAt,
  computeTally,
  evaluateAtDeadline,
  evaluateOnVote,
  partnersOwingVote,
  proposalTransition,
  type Check,
  type Closing,
  type CurrentVote,
  type ProposalSnapshot,
  type Refusal,
} from './proposals.engine.util';
import { findInWorkspace } from '../../common/database/workspace-row';
import { proposalViewer, proposalWarnings } from './proposals.policy';
import { clock } from '../../common/clock/clock';
import { SweepPause } from '../../common/events/sweep-pause';

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

/** An action on one proposal whose 403 the contract answers before its body's 400. */
export type ProposalAction = 'vote' | 'advise' | 'decide' | 'statement' | 'extend';

/** The engine's check of `action` as far as it does not depend on the body. */
function accessCheck(action: ProposalAction, now: Date, p: ProposalEntity, me: Actor): Check {
  switch (action) {
    case 'vote':
      return canVote(now, snapshot(p), me, { choice: 'yes' });
    case 'advise':
      return canAdvise(now, snapshot(p), me);
    case 'decide':
      return canDecide(now, snapshot(p), me);
    case 'statement':
      return canAddStatement({ status: p.status, proposedBy: p.proposedBy }, me);
    case 'extend':
      return canExtend(now, snapshot(p), me);
  }
}

const snapshot = (p: ProposalEntity): ProposalSnapshot => ({
  status: p.status,
  policy: p.policy,
  electorate: p.electorate,
  consultationEndsAt: p.consultationEndsAt,
  closesAt: p.closesAt,
});

const openProposalConflict = () =>
  new DomainError(ErrorCode.CONFLICT, 'This candidate already has an open proposal');

const toVoteDto = (v: ProposalVoteEntity): VoteDto => ({
  partnerId: v.partnerId,
  choice: v.choice,
  reason: v.reason,
  castBy: v.castBy,
  castAt: v.castAt.toISOString(),
});

/**
 * The `votes` of a proposal: each electorate partner's effective vote, in electorate order; a
 * delegated one is the delegate's vote under the delegator's id, with `via`.
 */
const effectiveVoteDtos = (p: ProposalEntity, own: ProposalVoteEntity[]): VoteDto[] =>
  effectiveVotes(p.electorate, own).map((e) => ({
    ...toVoteDto(e.vote),
    partnerId: e.partnerId,
    ...(e.via ? { via: e.via } : {}),
  }));

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
  viewer: Viewer | null;
}

/** Who reads a proposal: eligibility and the contact email depend on it. */
type Viewer = Pick<Membership, 'workspaceId' | 'userId' | 'role' | 'partnerId'>;

const NOBODY: ProposalDto['viewer'] = { partnerId: null, canVote: false, reason: 'no_partner' };

/**
 * Admission proposals. Every change to an open proposal (vote, advice, decision, withdrawal,
 * deadline) runs in one transaction that first locks the proposal row (SELECT … FOR UPDATE) and
 * re-checks its state, so parallel votes are serialised per proposal, nothing happens after it
 * closed, and a closing (status, outcome, the candidate's new status, the events) commits whole.
 */
@Injectable()
export class ProposalsService implements DueReminderSource {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnersService,
    private readonly principles: PrinciplesService,
    private readonly policies: PoliciesService,
    private readonly workspaces: WorkspacesService,
    private readonly activity: ActivityService,
    private readonly bus: EventBus,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
    private readonly sweepPause: SweepPause,
    private readonly notifications: NotificationsService,
  ) {}

  // ---- opening -------------------------------------------------------------------------------

  /** 403 unless the caller may propose (create and preview), before the body's 400. */
  authorizePropose(me: Actor): Promise<void> {
    return this.assertMayPropose(me);
  }

  /**
   * 404 (unknown proposal), then the 403 of `action` on it, read without a lock: the guard of
   * the routes that take a body. The action re-checks everything under the row lock, so a state
   * change in between still answers as the contract says.
   */
  async authorizeAction(me: Actor, proposalId: string, action: ProposalAction): Promise<void> {
    const p = await findInWorkspace(
      this.dataSource.manager,
      ProposalEntity,
      'Proposal',
      me.workspaceId,
      proposalId,
    );
    enforceForbidden(accessCheck(action, clock.now(), p, me));
  }

  async create(me: Actor, input: CreateProposal): Promise<ProposalDto> {
    await this.assertMayPropose(me);
    const wid = me.workspaceId;
    const id = await this.dataSource.transaction(async (manager) => {
      const plan = await this.plan(manager, wid, input, clock.now());
      if (!plan.electorate.ok) return enforce(plan.electorate) as never;
      const { policy, deadlines, stage } = plan;
      const candidate =
        plan.candidate ??
        (await this.partners.insert(
          manager,
          wid,
          { ...input.candidate!, tier: input.tier },
          'candidate',
          me.userId,
        ));

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
            candidateContactEmail: input.candidate?.contactEmail ?? null,
            rationale: input.rationale,
            principleFit: input.principleFit,
            stage,
            policy,
            electorate: plan.electorate.electorate,
            consultationEndsAt: deadlines.consultationEndsAt,
            closesAt: deadlines.closesAt,
            closedAt: null,
            outcome: null,
            proposedBy: me.userId,
            createdAt: clock.stamp(),
          }),
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw openProposalConflict();
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
        // closesAt, tier and candidateName from here. The contact email stays out of the log.
        payload: {
          proposalId: saved.id,
          candidatePartnerId: candidate.id,
          candidateName: candidate.name,
          inlineCandidate: !!input.candidate,
          tier: input.tier,
          stage,
          rule: policy.rule,
          electorate: plan.electorate.electorate,
          proposedBy: me.userId,
          closesAt: deadlines.closesAt.toISOString(),
          consultationEndsAt: deadlines.consultationEndsAt?.toISOString() ?? null,
        },
      });
      return saved.id;
    });
    return this.get(wid, id, me);
  }

  /**
   * `POST …/proposals/preview`: what opening this proposal now would freeze (policy, deadlines,
   * electorate with weights and representatives) and what stands in its way, computed by the
   * same `plan` as `create`, without writing anything. Same 403/400/409 as `create`, except that
   * an electorate without weight is a warning (EMPTY_ELECTORATE) rather than a 409.
   */
  async preview(me: Actor, input: CreateProposal): Promise<ProposalPreviewDto> {
    await this.assertMayPropose(me);
    const wid = me.workspaceId;
    const manager = this.dataSource.manager;
    const plan = await this.plan(manager, wid, input, clock.now());
    if (plan.candidate) {
      const open = await manager
        .getRepository(ProposalEntity)
        .exists({ where: { candidatePartnerId: plan.candidate.id, status: 'open' } });
      if (open) throw openProposalConflict();
    }
    const electorate = plan.electorate.ok ? plan.electorate.electorate : plan.members;
    const [partners, reps] = await Promise.all([
      this.partners.findInWorkspace(
        wid,
        electorate.map((m) => m.partnerId),
      ),
      this.members.representativesByPartner(
        wid,
        [...electorate.map((m) => m.partnerId), ...plan.policy.deciders],
        manager,
      ),
    ]);
    const names = new Map(partners.map((p) => [p.id, p.name]));
    const counts = new Map(
      [...reps].map(([id, list]) => [id, list.filter((r) => r.role !== 'observer').length]),
    );
    return {
      tier: input.tier,
      stage: plan.stage,
      policy: plan.policy,
      closesAt: plan.deadlines.closesAt.toISOString(),
      consultationEndsAt: plan.deadlines.consultationEndsAt?.toISOString() ?? null,
      electorate: electorate.map((m) => ({
        partnerId: m.partnerId,
        name: names.get(m.partnerId) ?? '',
        weight: m.weight,
        representativeCount: counts.get(m.partnerId) ?? 0,
      })),
      warnings: proposalWarnings({ policy: plan.policy, electorate, representatives: counts }),
    };
  }

  /**
   * Everything opening a proposal decides before writing, in the contract's order (400 on the
   * principles and `closesAt`, then the candidate's 400/409): the stage and its policy, the
   * deadlines, the existing candidate (null for an inline one, which `create` inserts), and the
   * electorate (a refusal when it has no weight, with its members for the preview).
   */
  private async plan(
    manager: EntityManager,
    wid: string,
    input: CreateProposal,
    now: Date,
  ): Promise<{
    stage: Stage;
    policy: Policy;
    deadlines: { closesAt: Date; consultationEndsAt: Date | null };
    candidate: PartnerRecord | null;
    electorate: ReturnType<typeof buildElectorate>;
    members: ElectorateMember[];
  }> {
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

    let candidate: PartnerRecord | null = null;
    if (input.candidate) {
      await this.partners.assertInsertable(manager, wid, input.candidate, [
        'candidate',
        'affiliationPartnerId',
      ]);
    } else {
      const [found] = await this.partners.findInWorkspace(
        wid,
        [input.candidatePartnerId!],
        manager,
      );
      if (!found)
        throw invalid(
          ['candidatePartnerId'],
          'is not a partner of this workspace',
          'not_workspace_partner',
        );
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

    const voters = (await this.partners.activeElectorateCandidates(wid, manager)).filter(
      (p) => p.id !== candidate?.id,
    );
    const delegations = await this.partners.delegationMap(wid, manager);
    return {
      stage: workspace.stage,
      policy,
      deadlines,
      candidate,
      electorate: buildElectorate(voters, policy.electorate, delegations),
      members: electorateMembers(voters, policy.electorate),
    };
  }

  /** Representatives of an active partner, brokers and coordinators; never observers. */
  private async assertMayPropose(me: Actor): Promise<void> {
    // The rule is shared with the client; only the partner's status needs the database.
    if (canPropose(me, null)) return;
    if (me.role !== 'observer' && me.partnerId) {
      const [p] = await this.partners.findInWorkspace(me.workspaceId, [me.partnerId]);
      if (canPropose(me, p?.status)) return;
    }
    throw forbidden(PROPOSE_DENIED);
  }

  // ---- actions on an open proposal ---------------------------------------------------------

  /**
   * Casts or replaces the vote of the caller's partner; may close the proposal early.
   * The hot path: under the row lock, one statement reads the vote history and writes the vote
   * (supersede, append, upsert the current one); the tally, the verdict and the answer are
   * computed from those rows, so the transaction is short and the answer needs one more read.
   */
  async vote(me: Actor, proposalId: string, input: VoteInput): Promise<ProposalDto> {
    const { p, history, named } = await this.oneAtATime(proposalId, () =>
      this.dataSource.transaction(async (manager) => {
        const p = await this.lockRaw(manager, me.workspaceId, proposalId);
        const now = clock.now();
        enforceForbidden(accessCheck('vote', now, p, me));
        enforce(canVote(now, snapshot(p), me, input));
        const partnerId = me.partnerId!;
        const reason = input.reason?.length ? input.reason : null;
        const prev = await proposalsRepository.castVote(manager, {
          proposalId,
          partnerId,
          choice: input.choice,
          reason,
          castBy: me.userId,
          castAt: now,
        });
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
    const [candidate] = await this.partners.withRepresentatives(p.workspaceId, [
      p.status === 'open'
        ? named
        : await this.partners.getInWorkspace(p.workspaceId, p.candidatePartnerId),
    ]);
    return this.toDto(p, {
      votes: currentOf(history),
      history,
      advice: [],
      candidate: candidate!,
      viewer: me,
    });
  }

  /** Any member but observers, on an autonomous proposal during its consultation. */
  async advise(me: Actor, proposalId: string, { text }: AdviceInput): Promise<ProposalDto> {
    const p = await this.dataSource.transaction(async (manager) => {
      const p = await this.lock(manager, me.workspaceId, proposalId);
      const now = clock.now();
      enforce(canAdvise(now, snapshot(p), me));
      const repo = manager.getRepository(ProposalAdviceEntity);
      const saved = await repo.save(
        repo.create({
          proposalId,
          authorId: me.userId,
          partnerId: me.partnerId,
          text,
          createdAt: clock.stamp(),
        }),
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
    return this.get(p.workspaceId, p.id, me);
  }

  /** Autonomous only: a decider's representative (or a coordinator without deciders) decides. */
  async decide(me: Actor, proposalId: string, input: DecideInput): Promise<ProposalDto> {
    await this.dataSource.transaction(async (manager) => {
      const p = await this.lock(manager, me.workspaceId, proposalId);
      const now = clock.now();
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
    return this.get(me.workspaceId, proposalId, me);
  }

  /** The proposer or a coordinator, while open. */
  async withdraw(me: Actor, proposalId: string): Promise<ProposalDto> {
    await this.dataSource.transaction(async (manager) => {
      const p = await this.lock(manager, me.workspaceId, proposalId);
      enforce(canWithdraw(clock.now(), { ...snapshot(p), proposedBy: p.proposedBy }, me));
      const votes = await this.currentVotes(manager, p.id);
      await this.closeLocked(manager, p, { status: 'withdrawn', reason: 'withdrawn' }, votes, {
        actorId: me.userId,
        extra: { decidedBy: me.userId },
      });
    });
    return this.get(me.workspaceId, proposalId, me);
  }

  /**
   * Closes due proposals (open, `closesAt <= now()`), one transaction each. Rows are taken with
   * FOR UPDATE SKIP LOCKED, so several instances sweeping at once never close one twice, and a
   * proposal a vote is holding is simply picked up by the next sweep. Answers how many it closed.
   * `only` limits the sweep to one workspace (the demo closes its own proposals at its simulated
   * time); the regular sweep leaves paused workspaces alone (`SweepPause`).
   */
  /** When the deadline sweep has work next (ms since the epoch; null: no open proposal). */
  async nextDeadlineAt(): Promise<number | null> {
    return (await proposalsRepository.nextDue(this.dataSource.manager, 0)).deadline;
  }

  async closeDue(max = 200, only?: { workspaceId: string }): Promise<number> {
    let closed = 0;
    // Read before the transaction, on its own connection: the embedded database runs one
    // transaction at a time, so a read on another connection inside it would wait forever.
    const paused = only ? [] : await this.sweepPause.workspaceIds();
    while (closed < max) {
      const did = await this.dataSource.transaction(async (manager) => {
        const simulated = clock.simulated();
        const qb = manager
          .getRepository(ProposalEntity)
          .createQueryBuilder('p')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(
            simulated
              ? `p.status = 'open' AND p.closesAt <= :now`
              : `p.status = 'open' AND p.closesAt <= now()`,
            { now: simulated },
          );
        if (only) qb.andWhere('p.workspaceId = :only', { only: only.workspaceId });
        else if (paused.length) {
          qb.andWhere('NOT (p.workspaceId = ANY(:paused))', { paused });
        }
        const [p] = await qb.orderBy('p.closesAt', 'ASC').limit(1).getMany();
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

  // ---- around a proposal -------------------------------------------------------------------

  /**
   * `POST …/statement`: the proposer or a coordinator (403) says something about the outcome
   * once the proposal is closed (409). A later statement replaces the earlier one. The
   * electorate's representatives and the voters are notified (`proposal.statement_added`).
   */
  async addStatement(
    me: Actor,
    proposalId: string,
    { text }: StatementInput,
  ): Promise<ProposalDto> {
    await this.dataSource.transaction(async (manager) => {
      const p = await this.lock(manager, me.workspaceId, proposalId);
      const check = canAddStatement({ status: p.status, proposedBy: p.proposedBy }, me);
      enforce(check);
      const statement = { text, by: me.userId, at: clock.now().toISOString() };
      const outcome: ProposalOutcomeDto = { ...p.outcome!, statement };
      await manager.getRepository(ProposalEntity).update({ id: p.id }, { outcome });
      const votes = await this.currentVotes(manager, p.id);
      const candidate = await this.partners.getInWorkspace(
        p.workspaceId,
        p.candidatePartnerId,
        manager,
      );
      await this.activity.record(manager, {
        workspaceId: p.workspaceId,
        type: 'proposal.statement_added',
        actorId: me.userId,
        subjectType: 'proposal',
        subjectId: p.id,
        partnerIds: [p.candidatePartnerId],
        // The notification contract reads electorate, voters (castBy), candidateName, tier and
        // status from here: every voter and every electorate partner's representatives hear it.
        payload: {
          proposalId: p.id,
          candidatePartnerId: p.candidatePartnerId,
          candidateName: candidate.name,
          tier: p.tier,
          status: p.status,
          text,
          replaced: !!p.outcome?.statement,
          electorate: p.electorate.map((m) => ({ partnerId: m.partnerId })),
          voters: [...new Set(votes.map((v) => v.castBy))],
        },
      });
    });
    return this.get(me.workspaceId, proposalId, me);
  }

  /**
   * `POST …/remind`: the proposer or a coordinator (403) reminds, while open (409), the
   * representatives of the electorate partners without an effective vote (409 when there are
   * none), at most once per REMIND_INTERVAL_MS per proposal (429 with Retry-After).
   */
  async remind(me: Actor, proposalId: string): Promise<ProposalDto> {
    await this.dataSource.transaction(async (manager) => {
      const p = await this.lock(manager, me.workspaceId, proposalId);
      const now = clock.now();
      enforce(canRemind(now, { ...snapshot(p), proposedBy: p.proposedBy }, me));
      if (p.remindedAt) {
        const wait = p.remindedAt.getTime() + REMIND_INTERVAL_MS - now.getTime();
        if (wait > 0) {
          throw new RateLimitedError(
            Math.ceil(wait / 1000),
            'A reminder was sent less than an hour ago',
          );
        }
      }
      const votes = await this.currentVotes(manager, p.id);
      const missing = computeTally(p.electorate, votes).missing;
      if (!missing.length) {
        throw new DomainError(ErrorCode.INVALID_STATE, 'Every partner has voted', [
          { path: [], message: 'Every partner has voted', rule: 'nobody_missing' },
        ]);
      }
      await manager.getRepository(ProposalEntity).update({ id: p.id }, { remindedAt: now });
      const candidate = await this.partners.getInWorkspace(
        p.workspaceId,
        p.candidatePartnerId,
        manager,
      );
      await this.activity.record(manager, {
        workspaceId: p.workspaceId,
        type: 'proposal.reminded',
        actorId: me.userId,
        subjectType: 'proposal',
        subjectId: p.id,
        partnerIds: [p.candidatePartnerId, ...missing],
        // The notification contract reads partnerIds (who has no effective vote), closesAt,
        // candidateName and tier: a `vote_reminder` to those partners' representatives.
        payload: {
          proposalId: p.id,
          candidatePartnerId: p.candidatePartnerId,
          candidateName: candidate.name,
          tier: p.tier,
          closesAt: p.closesAt.toISOString(),
          partnerIds: missing,
        },
      });
    });
    return this.get(me.workspaceId, proposalId, me);
  }

  /**
   * `PATCH …/proposals/:id {closesAt}`: a coordinator (403) moves the deadline of an open
   * proposal (409) later (400). Vote reminders already sent are forgotten when the new deadline
   * puts their moment in the future again, so they go out before the new deadline.
   */
  async extend(me: Actor, proposalId: string, input: ExtendProposalInput): Promise<ProposalDto> {
    await this.dataSource.transaction(async (manager) => {
      const p = await this.lock(manager, me.workspaceId, proposalId);
      const now = clock.now();
      enforceForbidden(canExtend(now, snapshot(p), me));
      const closesAt = new Date(input.closesAt);
      enforce(canExtend(now, snapshot(p), me, closesAt));
      await manager.getRepository(ProposalEntity).update({ id: p.id }, { closesAt });
      await this.notifications.rescheduleVoteReminders(manager, p.id, closesAt, now);
      const candidate = await this.partners.getInWorkspace(
        p.workspaceId,
        p.candidatePartnerId,
        manager,
      );
      await this.activity.record(manager, {
        workspaceId: p.workspaceId,
        type: 'proposal.extended',
        actorId: me.userId,
        subjectType: 'proposal',
        subjectId: p.id,
        partnerIds: [p.candidatePartnerId],
        payload: {
          proposalId: p.id,
          candidatePartnerId: p.candidatePartnerId,
          candidateName: candidate.name,
          tier: p.tier,
          from: p.closesAt.toISOString(),
          to: closesAt.toISOString(),
        },
      });
    });
    return this.get(me.workspaceId, proposalId, me);
  }

  /**
   * `GET /api/me/pending-votes`: across every network where the caller represents a partner,
   * the open proposals on which that partner has no effective vote, soonest deadline first.
   */
  async pendingVotes(userId: string): Promise<{ items: PendingVoteDto[] }> {
    const seats = await this.members.representativeSeatsOf(userId);
    const rows = await proposalsRepository.pendingVotes(
      this.dataSource.manager,
      seats,
      clock.now(),
    );
    if (!rows.length) return { items: [] };
    const workspaceIds = [...new Set(rows.map((r) => r.workspaceId))];
    const [workspaces, candidates] = await Promise.all([
      this.workspaces.entities(workspaceIds),
      Promise.all(
        workspaceIds.map((wid) =>
          this.partners.findInWorkspace(
            wid,
            rows.filter((r) => r.workspaceId === wid).map((r) => r.candidatePartnerId),
          ),
        ),
      ).then((lists) => new Map(lists.flat().map((c) => [c.id, c.name]))),
    ]);
    return {
      items: rows.map((r) => ({
        workspaceId: r.workspaceId,
        workspaceName: workspaces.get(r.workspaceId)?.name ?? '',
        proposalId: r.proposalId,
        partnerId: r.partnerId,
        candidateName: candidates.get(r.candidatePartnerId) ?? '',
        tier: r.tier,
        closesAt: r.closesAt.toISOString(),
      })),
    };
  }

  /**
   * The notifications module's `DueReminderSource` (supplied by ProposalsModule on init): in the
   * caller's transaction, a page of the open, voted-on proposals whose reminder moment
   * (`leadHours` before `closesAt`, the extended one if moved) has come, locked FOR UPDATE SKIP
   * LOCKED, each with the electorate partners that have no effective vote (a delegate's vote
   * counts, `partnersOwingVote`). Who represents them is the members module's answer.
   */
  /** DueReminderSource: the next vote-reminder moment still to come (null: none). */
  async nextVoteReminderAt(leadHours: number): Promise<number | null> {
    return (await proposalsRepository.nextDue(this.dataSource.manager, leadHours)).reminder;
  }

  async dueVoteReminders(
    manager: EntityManager,
    opts: { now: Date; leadHours: number; limit: number; after?: DueReminderCursor },
  ): Promise<DueVoteReminder[]> {
    const due = await proposalsRepository.dueForVoteReminder(manager, opts);
    const votes = await proposalsRepository.currentVoters(
      manager,
      due.map((p) => p.id),
    );
    const byProposal = new Map<string, { partnerId: string }[]>();
    for (const v of votes)
      byProposal.set(v.proposalId, [...(byProposal.get(v.proposalId) ?? []), v]);
    return due.map((p) => ({
      proposalId: p.id,
      workspaceId: p.workspaceId,
      closesAt: p.closesAt,
      partnerIds: partnersOwingVote(p.electorate, byProposal.get(p.id) ?? []),
    }));
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Electorates and cast votes of every proposal (the participation module's counts). */
  participationRows(workspaceId: string) {
    return proposalsRepository.participationRows(this.dataSource.manager, workspaceId);
  }

  /**
   * What a discussion needs of a proposal (the threads module): its candidate, or null when
   * the proposal is not in that workspace. Reads in the caller's transaction.
   */
  async threadSubject(
    manager: EntityManager,
    workspaceId: string,
    proposalId: string,
  ): Promise<{ candidatePartnerId: string } | null> {
    const p = await manager.getRepository(ProposalEntity).findOne({
      select: { id: true, candidatePartnerId: true },
      where: { id: proposalId, workspaceId },
    });
    return p ? { candidatePartnerId: p.candidatePartnerId } : null;
  }

  /** As `viewer` sees it (its eligibility and, for coordinators and the proposer, the contact). */
  async get(workspaceId: string, proposalId: string, viewer: Viewer): Promise<ProposalDto> {
    const p = await this.dataSource
      .getRepository(ProposalEntity)
      .findOneBy({ id: proposalId, workspaceId });
    if (!p) throw notFound('Proposal');
    const [dto] = await this.toDtos(workspaceId, [p], viewer);
    return dto!;
  }

  /** Open proposals first, then the newest. */
  async list(viewer: Viewer, q: ProposalListQuery): Promise<Page<ProposalDto>> {
    const workspaceId = viewer.workspaceId;
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
    return {
      items: await this.toDtos(workspaceId, page.items, viewer),
      nextCursor: page.nextCursor,
    };
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
      yield await this.toDtos(workspaceId, rows, null);
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
    const row = await proposalsRepository.lock(manager, workspaceId, proposalId);
    if (!row) throw notFound('Proposal');
    return row;
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
    const closedAt = clock.now();
    await manager
      .getRepository(ProposalEntity)
      .update({ id: p.id }, { status: closing.status, outcome, closedAt });
    Object.assign(p, { status: closing.status, outcome, closedAt, updatedAt: closedAt });
    // An admitted partner needs someone to act for it: its contact is invited below; without
    // one (and nobody representing it yet) the coordinators hear about it.
    const accepted = closing.status === 'accepted';
    // A contact who is already a member cannot accept an invitation: a coordinator links them.
    const contact =
      accepted &&
      p.candidateContactEmail &&
      !(await this.invitations.isMemberEmail(p.workspaceId, p.candidateContactEmail))
        ? p.candidateContactEmail
        : null;
    const unrepresented = accepted && !contact && !(await this.isRepresented(manager, p));
    await this.activity.record(manager, {
      workspaceId: p.workspaceId,
      type: 'proposal.closed',
      actorId: opts.actorId,
      subjectType: 'proposal',
      subjectId: p.id,
      partnerIds: [p.candidatePartnerId],
      // The notification contract reads status, reason, candidateName, tier, proposedBy,
      // votes (the voters hear the outcome) and partnerUnrepresented from here.
      payload: {
        proposalId: p.id,
        candidatePartnerId: p.candidatePartnerId,
        candidateName: candidate.name,
        tier: p.tier,
        rule: p.policy.rule,
        proposedBy: p.proposedBy,
        ...outcome,
        tally,
        // Effective votes: a delegator's is its delegate's, with `via` (its representatives
        // hear the outcome like the voters).
        votes: effectiveVotes(p.electorate, votes)
          // In the order they were cast (a delegated one where its delegate's vote stands).
          .sort((x, y) => votes.indexOf(x.vote) - votes.indexOf(y.vote))
          .map((e) => ({
            partnerId: e.partnerId,
            choice: e.vote.choice,
            castBy: e.vote.castBy,
            ...(e.via ? { via: e.via } : {}),
          })),
        ...(accepted
          ? {
              representativeInvited: !!p.candidateContactEmail,
              partnerUnrepresented: unrepresented,
            }
          : {}),
      },
    });
    if (accepted) {
      await this.partners.admit(manager, {
        workspaceId: p.workspaceId,
        partnerId: p.candidatePartnerId,
        tier: p.tier,
        proposalId: p.id,
        // Applying the outcome is the system's act, whoever closed the proposal.
        actorId: null,
      });
      if (contact) {
        // By the server (no actor): whoever closed it, the invitation follows from the admission.
        await this.invitations.insert(manager, {
          workspaceId: p.workspaceId,
          email: contact,
          role: 'member',
          broker: false,
          partnerId: p.candidatePartnerId,
          expiresInHours: LIMITS.invitationDefaultHours,
          createdBy: null,
          context: { proposalId: p.id, via: 'admission' },
        });
      }
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

  /** Whether someone (not an observer) represents the proposal's candidate. */
  private async isRepresented(manager: EntityManager, p: ProposalEntity): Promise<boolean> {
    const reps = await this.members.representativesOf(
      p.workspaceId,
      [p.candidatePartnerId],
      manager,
    );
    return reps.some((r) => r.role !== 'observer');
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

  /** `viewer` null: nobody in particular (the research export: no contact, no eligibility). */
  private async toDtos(
    workspaceId: string,
    rows: ProposalEntity[],
    viewer: Viewer | null,
  ): Promise<ProposalDto[]> {
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
      this.partners
        .findInWorkspace(
          workspaceId,
          rows.map((p) => p.candidatePartnerId),
        )
        .then((found) => this.partners.withRepresentatives(workspaceId, found)),
    ]);
    const byId = new Map(candidates.map((c) => [c.id, c]));
    return rows.map((p) =>
      this.toDto(p, {
        votes: votes.filter((v) => v.proposalId === p.id),
        history: history.filter((v) => v.proposalId === p.id),
        advice: advice.filter((a) => a.proposalId === p.id),
        candidate: byId.get(p.candidatePartnerId)!,
        viewer,
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
      votes: effectiveVoteDtos(p, votes),
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
      remindedAt: p.remindedAt?.toISOString() ?? null,
      remindAllowedAt: p.remindedAt
        ? new Date(p.remindedAt.getTime() + REMIND_INTERVAL_MS).toISOString()
        : null,
      candidateContactEmail:
        r.viewer && (r.viewer.role === 'coordinator' || r.viewer.userId === p.proposedBy)
          ? p.candidateContactEmail
          : null,
      viewer: r.viewer ? proposalViewer(new Date(), p, r.viewer) : NOBODY,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}
