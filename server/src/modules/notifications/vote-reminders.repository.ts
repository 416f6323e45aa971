import type { EntityManager } from 'typeorm';

/** One electorate partner of an open proposal that is due a vote reminder. */
export interface DueReminder {
  proposalId: string;
  workspaceId: string;
  partnerId: string;
  closesAt: Date;
}

/**
 * Where the reminder scheduler finds due reminders (token DUE_REMINDER_SOURCE). The default,
 * `SqlDueReminderSource`, reads the proposals module's tables (see `REAL_PROPOSAL_TABLES`).
 */
export interface DueReminderSource {
  /** False while the tables it reads do not exist (the scheduler then does nothing). */
  ready?(manager: EntityManager): Promise<boolean>;
  /**
   * Inside the caller's transaction: up to `limit` (proposal, electorate partner) pairs of open
   * proposals with `closesAt - leadHours <= now < closesAt`, whose partner has no current vote
   * and no row in `vote_reminders` yet, with the proposal rows locked FOR UPDATE SKIP LOCKED
   * (concurrent schedulers take disjoint proposals).
   */
  claimDue(
    manager: EntityManager,
    opts: { now: Date; leadHours: number; limit: number },
  ): Promise<DueReminder[]>;
}
export const DUE_REMINDER_SOURCE = Symbol('DUE_REMINDER_SOURCE');

/** Table names and conditions the SQL source reads (`REAL_PROPOSAL_TABLES` by default). */
export interface DueReminderTables {
  /**
   * (id uuid, "workspaceId" uuid, status text, "closesAt" timestamptz, electorate jsonb
   * [{partnerId, weight, delegateTo?}]): a partner whose delegate voted has an effective vote.
   */
  proposals: string;
  /** (proposalId uuid, partnerId uuid): the current votes */
  votes: string;
  /** SQL condition on the vote row alias `v` marking it current (e.g. `v."supersededAt" IS NULL`). */
  currentVote?: string;
  /** SQL condition on the proposal alias `p` for proposals that take votes (e.g. not autonomous). */
  votable?: string;
}

/**
 * The proposals module's schema (`proposals.entity.ts`): `proposals` with the electorate frozen
 * at opening as jsonb `[{partnerId, weight}]`, and `proposal_votes`, which holds exactly the
 * CURRENT vote per (proposal, partner) — a replaced vote is updated in place there and kept in
 * `proposal_vote_history` (with `supersededAt`), which reminders never need. The policy snapshot
 * decides whether a proposal takes votes: autonomous ones are decided, so they get no reminders.
 */
export const REAL_PROPOSAL_TABLES: DueReminderTables = {
  proposals: 'proposals',
  votes: 'proposal_votes',
  votable: `p.policy->>'rule' <> 'autonomous'`,
};

const IDENT = /^("?[A-Za-z_][A-Za-z0-9_]*"?\.)?"?[A-Za-z_][A-Za-z0-9_]*"?$/;

/** The default DueReminderSource: raw SQL against the proposals tables. */
export class SqlDueReminderSource implements DueReminderSource {
  constructor(private readonly tables: DueReminderTables = REAL_PROPOSAL_TABLES) {
    for (const t of [tables.proposals, tables.votes]) {
      if (!IDENT.test(t)) throw new Error(`not a table name: ${t}`);
    }
  }

  async ready(manager: EntityManager): Promise<boolean> {
    const [row] = (await manager.query(
      'SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS ok',
      [this.tables.proposals, this.tables.votes],
    )) as { ok: boolean }[];
    return !!row?.ok;
  }

  async claimDue(
    manager: EntityManager,
    opts: { now: Date; leadHours: number; limit: number },
  ): Promise<DueReminder[]> {
    const { proposals, votes } = this.tables;
    const current = this.tables.currentVote ? `AND (${this.tables.currentVote})` : '';
    const votable = this.tables.votable ? `AND (${this.tables.votable})` : '';
    const open = (proposal: string, e: string) =>
      `NOT EXISTS (SELECT 1 FROM ${votes} v
                    WHERE v."proposalId" = ${proposal}.id
                      AND v."partnerId" IN ((${e}->>'partnerId')::uuid, (${e}->>'delegateTo')::uuid)
                    ${current})
       AND NOT EXISTS (SELECT 1 FROM vote_reminders r
                        WHERE r."proposalId" = ${proposal}.id
                          AND r."partnerId" = (${e}->>'partnerId')::uuid)`;
    const rows = (await manager.query(
      `WITH due AS (
         SELECT p.id, p."workspaceId", p."closesAt", p.electorate FROM ${proposals} p
          WHERE p.status = 'open' AND p."closesAt" > $1
            AND p."closesAt" - make_interval(secs => $2) <= $1 ${votable}
            AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.electorate) pe WHERE ${open('p', 'pe')})
          ORDER BY p."closesAt", p.id
          LIMIT $3
          FOR UPDATE OF p SKIP LOCKED)
       SELECT due.id AS "proposalId", due."workspaceId", (e->>'partnerId')::uuid AS "partnerId",
              due."closesAt"
         FROM due CROSS JOIN LATERAL jsonb_array_elements(due.electorate) e
        WHERE ${open('due', 'e')}
        ORDER BY due."closesAt", due.id, 3`,
      [opts.now, opts.leadHours * 3600, opts.limit],
    )) as DueReminder[];
    return rows.map((r) => ({ ...r, closesAt: new Date(r.closesAt) }));
  }
}
