import type { TestingModule } from '@nestjs/testing';
import { createProposalSchema, type CreatePartner } from '@coalesce/shared';
import { DataSource } from 'typeorm';
import { startIntContext } from '../../../test/int-context';
import { uniqueEmail } from '../../../test/factories';
import type { Membership } from '../../common/auth/auth.types';
import { MembersService } from '../members/members.service';
import { PartnersService } from '../partners/partners.service';
import { PoliciesService } from '../policies/policies.service';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { ProposalsService } from './proposals.service';

const profile = (name: string, weight = 1): CreatePartner => ({
  kind: 'organisation',
  name,
  actorType: 'education',
  tier: 'core',
  weight,
  motivations: [],
  contributions: { expertise: [], targetGroups: [], resources: [] },
});

describe('ProposalsService concurrency and deadlines (PostgreSQL)', () => {
  let a: TestingModule;
  let b: TestingModule;
  let ds: DataSource;
  beforeAll(async () => {
    // Two "instances" on one database, each with its own pool and deadline sweeper.
    [a, b] = await Promise.all([startIntContext(), startIntContext()]);
    ds = a.get(DataSource);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  async function user() {
    return a
      .get(UsersService)
      .create({ email: uniqueEmail(), passwordHash: 'x', displayName: 'U' });
  }

  /** A workspace with `n` core partners, each with one representative member. */
  async function network(n: number) {
    const owner = await user();
    const w = await a.get(WorkspacesService).create(owner.id, { name: 'W' });
    const coord = (await a.get(MembersService).membershipOf(w.id, owner.id))!;
    const voters: Membership[] = [];
    for (let i = 0; i < n; i++) {
      const partner = await a.get(PartnersService).create(coord, profile(`P${i}`));
      const u = await user();
      await ds.transaction((m) =>
        a.get(MembersService).add(m, {
          workspaceId: w.id,
          userId: u.id,
          role: 'member',
          partnerId: partner.id,
          actorId: owner.id,
          via: 'invitation',
        }),
      );
      voters.push((await a.get(MembersService).membershipOf(w.id, u.id))!);
    }
    return { coord, voters, wid: w.id };
  }

  const candidate = (name = 'Candidate') =>
    createProposalSchema.parse({
      candidate: { kind: 'organisation', name, actorType: 'other' },
      tier: 'core',
      rationale: 'r',
    });

  it('race on two instances: a delegator’s direct vote and its delegate’s vote give one effective vote', async () => {
    const { coord, voters } = await network(3);
    const [delegator, delegate] = voters;
    await a
      .get(PartnersService)
      .setDelegation(delegator!, delegator!.partnerId!, { toPartnerId: delegate!.partnerId! });
    for (let round = 0; round < 6; round++) {
      const p = await a.get(ProposalsService).create(coord, candidate(`Race ${round}`));
      // Alternate who goes through which instance, so either may win the row lock.
      const [x, y] = round % 2 ? [a, b] : [b, a];
      const results = await Promise.allSettled([
        x.get(ProposalsService).vote(delegator!, p.id, { choice: 'no', reason: 'own' }),
        y.get(ProposalsService).vote(delegate!, p.id, { choice: 'yes' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const dto = await b.get(ProposalsService).get(coord.workspaceId, p.id, coord);
      const forDelegator = dto.votes.filter((v) => v.partnerId === delegator!.partnerId);
      expect(forDelegator).toEqual([
        expect.objectContaining({ choice: 'no', castBy: delegator!.userId }),
      ]);
      expect(forDelegator[0]!.via).toBeUndefined();
      expect(dto.tally).toMatchObject({ yes: 1, no: 1, abstain: 0, votedWeight: 2 });
      expect(dto.tally.missing).toEqual([voters[2]!.partnerId]);
      await a.get(ProposalsService).withdraw(coord, p.id);
    }
  });

  it('30 parallel votes of one partner: one current vote, 30 history rows, 29 superseded', async () => {
    const { coord, voters } = await network(3);
    const p = await a.get(ProposalsService).create(coord, candidate());
    const choices = ['yes', 'abstain', 'no'] as const;
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b)
          .get(ProposalsService)
          .vote(voters[0]!, p.id, { choice: choices[i % 3]!, reason: 'because' }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const current = await ds.query(`SELECT * FROM proposal_votes WHERE "proposalId" = $1`, [p.id]);
    expect(current).toHaveLength(1);
    const history = await ds.query(
      `SELECT count(*)::int AS n, count("supersededAt")::int AS superseded FROM proposal_vote_history WHERE "proposalId" = $1`,
      [p.id],
    );
    expect(history[0]).toEqual({ n: 30, superseded: 29 });
    const latest = await ds.query(
      `SELECT choice FROM proposal_vote_history WHERE "proposalId" = $1 AND "supersededAt" IS NULL`,
      [p.id],
    );
    expect(latest).toEqual([{ choice: current[0].choice }]);
    const dto = await a.get(ProposalsService).get(coord.workspaceId, p.id, coord);
    expect(dto.tally).toMatchObject({ votedWeight: 1, missing: expect.any(Array) });
    expect(dto.tally.missing).toHaveLength(2);
  });

  it('parallel votes from every partner: the tally equals the stored votes; nothing after closing', async () => {
    const { coord, voters, wid } = await network(12);
    await a.get(PoliciesService).put(coord, 'core', {
      rule: 'weighted',
      electorate: 'core',
      votingHours: 10,
      quorum: 1,
      supportThreshold: 0.5,
      silenceIsConsent: false,
      deciders: [],
      consultationHours: 1,
    });
    const p = await a.get(ProposalsService).create(coord, candidate());
    const choices = ['yes', 'no', 'abstain'] as const;
    // Everyone votes twice in parallel on two instances; the last of the 24 closes it (quorum 1).
    const results = await Promise.allSettled(
      voters.flatMap((v, i) => [
        a.get(ProposalsService).vote(v, p.id, { choice: choices[i % 3]! }),
        b.get(ProposalsService).vote(v, p.id, { choice: choices[(i + 1) % 3]! }),
      ]),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    // Once every partner has voted the outcome is certain and it closes: later votes are 409.
    for (const r of refused) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'INVALID_STATE' });
    }
    const dto = await a.get(ProposalsService).get(wid, p.id, coord);
    const stored = await ds.query(
      `SELECT choice, count(*)::int AS n FROM proposal_votes WHERE "proposalId" = $1 GROUP BY choice`,
      [p.id],
    );
    const count = (c: string) => stored.find((s: { choice: string }) => s.choice === c)?.n ?? 0;
    expect(dto.tally).toMatchObject({
      yes: count('yes'),
      no: count('no'),
      abstain: count('abstain'),
      votedWeight: 12,
      missing: [],
    });
    expect(dto.status).not.toBe('open');
    const closed = await ds.query(
      `SELECT count(*)::int AS n FROM activity_events WHERE type = 'proposal.closed' AND "subjectId" = $1`,
      [p.id],
    );
    expect(closed[0].n).toBe(1);
    await expect(
      a.get(ProposalsService).vote(voters[0]!, p.id, { choice: 'yes' }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('two instances sweeping at once close each due proposal exactly once', async () => {
    const { coord, voters } = await network(2);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const p = await a.get(ProposalsService).create(coord, candidate(`C${i}`));
      if (i % 2) await a.get(ProposalsService).vote(voters[0]!, p.id, { choice: 'yes' });
      ids.push(p.id);
    }
    await ds.query(
      `UPDATE proposals SET "closesAt" = now() - interval '1 second' WHERE id = ANY($1)`,
      [ids],
    );
    await Promise.all([
      a.get(ProposalsService).closeDue(),
      b.get(ProposalsService).closeDue(),
      a.get(ProposalsService).closeDue(),
      b.get(ProposalsService).closeDue(),
    ]);
    // Every other test file's app runs its deadline scheduler against this same database, and
    // `SKIP LOCKED` means our sweeps pass over a row one of those holds. Wait for such a
    // foreign sweep to commit; exactly-once must hold whoever closed it.
    for (let i = 0; i < 100; i++) {
      const [open] = await ds.query(
        `SELECT count(*)::int AS n FROM proposals WHERE id = ANY($1) AND status = 'open'`,
        [ids],
      );
      if (open.n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const rows = await ds.query(
      `SELECT p.id, p.status, p.outcome->>'reason' AS reason,
              (SELECT count(*)::int FROM activity_events e
               WHERE e.type = 'proposal.closed' AND e."subjectId" = p.id) AS closings
       FROM proposals p WHERE p.id = ANY($1)`,
      [ids],
    );
    expect(rows).toHaveLength(10);
    for (const r of rows) {
      expect(r.closings).toBe(1);
      // Consensus without silence-is-consent, votes missing and no `no`: expired.
      expect(r).toMatchObject({ status: 'expired', reason: 'votes_missing' });
    }
    const candidates = await ds.query(
      `SELECT DISTINCT c.status FROM partners c JOIN proposals p ON p."candidatePartnerId" = c.id WHERE p.id = ANY($1)`,
      [ids],
    );
    expect(candidates).toEqual([{ status: 'rejected' }]);
  });
});
