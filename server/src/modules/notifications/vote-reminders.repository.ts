import type { EntityManager } from 'typeorm';

/** One (proposal, electorate partner) pair a vote reminder goes to. */
export interface VoteReminderClaim {
  proposalId: string;
  partnerId: string;
  workspaceId: string;
}

export const reminderKey = (r: { proposalId: string; partnerId: string }): string =>
  `${r.proposalId}/${r.partnerId}`;

/**
 * The raw SQL of the vote reminders: only this module's own table `vote_reminders` (one row per
 * reminded (proposal, partner), ever). Which pairs are due is asked of the proposals module
 * (`DueReminderSource`), never read from its tables here.
 */
export const voteRemindersRepository = {
  /**
   * Claims the pairs in the caller's transaction and answers the keys (`reminderKey`) of those
   * it inserted. ON CONFLICT DO NOTHING on the primary key is what makes a reminder go out once:
   * a pair already reminded is not inserted again, and a pair another transaction (of any
   * instance) is inserting waits for that one and is left to it when it commits.
   */
  async claim(manager: EntityManager, pairs: readonly VoteReminderClaim[]): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const inserted = (await manager.query(
      `INSERT INTO vote_reminders ("proposalId", "partnerId", "workspaceId")
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])
       ON CONFLICT ("proposalId", "partnerId") DO NOTHING
       RETURNING "proposalId", "partnerId"`,
      [
        pairs.map((p) => p.proposalId),
        pairs.map((p) => p.partnerId),
        pairs.map((p) => p.workspaceId),
      ],
    )) as { proposalId: string; partnerId: string }[];
    return new Set(inserted.map(reminderKey));
  },

  /** Forgets the reminders sent for a proposal (its deadline moved), in the caller's transaction. */
  async forget(manager: EntityManager, proposalId: string): Promise<void> {
    await manager.query('DELETE FROM vote_reminders WHERE "proposalId" = $1', [proposalId]);
  },
};
