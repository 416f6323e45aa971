import type { EntityManager } from 'typeorm';
import type { ElectorateMember, VoteChoice } from '@coalesce/shared';
import { ProposalEntity, type ProposalVoteHistoryEntity } from './proposals.entity';

/** An open proposal on which one of the caller's partners has no effective vote. */
export interface PendingVoteRow {
  proposalId: string;
  workspaceId: string;
  partnerId: string;
  candidatePartnerId: string;
  tier: ProposalEntity['tier'];
  closesAt: Date;
}

/** The raw SQL of the proposals module (tables `proposals`, `proposal_votes`, `proposal_vote_history`). */
export const proposalsRepository = {
  /** The proposal row, FOR UPDATE (the vote path: no query builder); undefined when absent. */
  async lock(
    manager: EntityManager,
    workspaceId: string,
    proposalId: string,
  ): Promise<ProposalEntity | undefined> {
    const [row] = (await manager.query(
      `SELECT * FROM proposals WHERE id = $1 AND "workspaceId" = $2 FOR UPDATE`,
      [proposalId, workspaceId],
    )) as ProposalEntity[];
    return row ? Object.assign(new ProposalEntity(), row) : undefined;
  },

  /**
   * Casts or replaces a partner's vote in ONE statement: supersedes its current history row,
   * appends the new one and upserts the current vote. Answers the history as it was before.
   * Data-modifying CTEs all run; `prev` sees the history as it was before this statement.
   */
  castVote(
    manager: EntityManager,
    vote: {
      proposalId: string;
      partnerId: string;
      choice: VoteChoice;
      reason: string | null;
      castBy: string;
      castAt: Date;
    },
  ): Promise<ProposalVoteHistoryEntity[]> {
    return manager.query(
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
      [vote.proposalId, vote.partnerId, vote.choice, vote.reason, vote.castBy, vote.castAt],
    );
  },

  /**
   * Open, voted-on (not autonomous) proposals, before their deadline, in whose electorate one of
   * `seats` (workspace, partner) is and where that partner has no effective vote: neither its own
   * nor its recorded delegate's. Soonest deadline first.
   */
  async pendingVotes(
    manager: EntityManager,
    seats: readonly { workspaceId: string; partnerId: string }[],
    now: Date,
  ): Promise<PendingVoteRow[]> {
    if (!seats.length) return [];
    const rows = (await manager.query(
      `SELECT p.id AS "proposalId", p."workspaceId", (e->>'partnerId')::uuid AS "partnerId",
              p."candidatePartnerId", p.tier, p."closesAt"
         FROM proposals p
         CROSS JOIN LATERAL jsonb_array_elements(p.electorate) e
         JOIN unnest($1::uuid[], $2::uuid[]) AS s(wid, pid)
           ON s.wid = p."workspaceId" AND s.pid = (e->>'partnerId')::uuid
        WHERE p.status = 'open' AND p."closesAt" > $3 AND p.policy->>'rule' <> 'autonomous'
          AND NOT EXISTS (
            SELECT 1 FROM proposal_votes v
             WHERE v."proposalId" = p.id
               AND (v."partnerId" = (e->>'partnerId')::uuid
                    OR v."partnerId" = (e->>'delegateTo')::uuid))
        ORDER BY p."closesAt", p.id`,
      [seats.map((s) => s.workspaceId), seats.map((s) => s.partnerId), now],
    )) as PendingVoteRow[];
    return rows.map((r) => ({ ...r, closesAt: new Date(r.closesAt) }));
  },

  /**
   * The earliest deadline of an open proposal, any workspace (ms since the epoch), and the
   * earliest vote-reminder moment still to come (`closesAt - leadHours` after now, voted-on
   * proposals only): when the sweeps have work next. Null: none.
   */
  async nextDue(
    m: Pick<EntityManager, 'query'>,
    leadHours: number,
  ): Promise<{ deadline: number | null; reminder: number | null }> {
    const [row] = (await m.query(
      `SELECT extract(epoch FROM min("closesAt")) * 1000 AS deadline,
              extract(epoch FROM min("closesAt" - make_interval(secs => $1)) FILTER (
                WHERE policy->>'rule' <> 'autonomous'
                  AND "closesAt" - make_interval(secs => $1) > now())) * 1000 AS reminder
         FROM proposals WHERE status = 'open'`,
      [leadHours * 3600],
    )) as { deadline: string | null; reminder: string | null }[];
    const ms = (v: string | null | undefined) => (v == null ? null : Math.ceil(Number(v)));
    return { deadline: ms(row?.deadline), reminder: ms(row?.reminder) };
  },

  /**
   * Open, voted-on (not autonomous) proposals whose vote-reminder moment (`closesAt` minus
   * `leadHours`) has come by `now` and whose deadline has not, in (closesAt, id) order after
   * `after`, at most `limit`, locked FOR UPDATE SKIP LOCKED in the caller's transaction: a
   * proposal a vote (or another instance's reminders) holds is skipped, not waited for.
   */
  async dueForVoteReminder(
    manager: EntityManager,
    opts: {
      now: Date;
      leadHours: number;
      limit: number;
      after?: { closesAt: Date; proposalId: string };
    },
  ): Promise<
    { id: string; workspaceId: string; closesAt: Date; electorate: ElectorateMember[] }[]
  > {
    const rows = (await manager.query(
      `SELECT id, "workspaceId", "closesAt", electorate FROM proposals
        WHERE status = 'open' AND "closesAt" > $1
          AND "closesAt" - make_interval(secs => $2) <= $1
          AND policy->>'rule' <> 'autonomous'
          AND ($4::timestamptz IS NULL OR ("closesAt", id) > ($4::timestamptz, $5::uuid))
        ORDER BY "closesAt", id
        LIMIT $3
        FOR UPDATE SKIP LOCKED`,
      [
        opts.now,
        opts.leadHours * 3600,
        opts.limit,
        opts.after?.closesAt ?? null,
        opts.after?.proposalId ?? null,
      ],
    )) as { id: string; workspaceId: string; closesAt: Date; electorate: ElectorateMember[] }[];
    return rows.map((r) => ({ ...r, closesAt: new Date(r.closesAt) }));
  },

  /** The partners with a current vote on each of these proposals. */
  currentVoters(
    manager: EntityManager,
    proposalIds: readonly string[],
  ): Promise<{ proposalId: string; partnerId: string }[]> {
    if (!proposalIds.length) return Promise.resolve([]);
    return manager.query(
      `SELECT "proposalId", "partnerId" FROM proposal_votes WHERE "proposalId" = ANY($1::uuid[])`,
      [proposalIds],
    );
  },

  /** Every proposal's electorate (partner ids) and opening, and every current vote's partner. */
  async participationRows(
    manager: EntityManager,
    workspaceId: string,
  ): Promise<{
    proposals: { id: string; createdAt: Date; electorate: string[] }[];
    votes: { proposalId: string; partnerId: string }[];
  }> {
    const proposals = (await manager.query(
      `SELECT "id", "createdAt",
              ARRAY(SELECT e->>'partnerId' FROM jsonb_array_elements("electorate") e) AS "electorate"
         FROM proposals WHERE "workspaceId" = $1`,
      [workspaceId],
    )) as { id: string; createdAt: Date; electorate: string[] }[];
    const votes = (await manager.query(
      `SELECT v."proposalId", v."partnerId" FROM proposal_votes v
         JOIN proposals p ON p.id = v."proposalId" WHERE p."workspaceId" = $1`,
      [workspaceId],
    )) as { proposalId: string; partnerId: string }[];
    return { proposals, votes };
  },
};
