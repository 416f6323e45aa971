import type { InvitationDto, NotificationDto, ProposalDto } from '@coalesce/shared';
import { sql } from '../../../test/db';
import {
  addMember,
  api,
  createPartner,
  registerUser,
  type TestUser,
} from '../../../test/factories';
import { eventually, network, propose, setPolicy, votePath } from '../../../test/decisions';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { NotificationsListener } from '../notifications/notifications.listener';

/**
 * Admission leads to a representative: the accepted candidate's contact is invited in the
 * closing transaction (by votes, at the deadline, by an autonomous decision); without a contact
 * the coordinators are told the partner has nobody. Also the preview and the viewer's eligibility.
 */
describe('proposals: admission, preview and eligibility (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Deadlines are moved by SQL here, which wakes no sweep: it looks every 200 ms regardless.
    t = await startTestApp({ DEADLINE_POLL_MS: '200', SWEEP_IDLE_MS: '200' });
  });
  afterAll(() => t.close());

  const settled = () => t.app.get(NotificationsListener).idle();

  const invitationsFor = async (coordinator: TestUser, wid: string, email: string) =>
    (
      (await api(t, coordinator.token).get(`/api/workspaces/${wid}/invitations`).expect(200)).body
        .items as InvitationDto[]
    ).filter((i) => i.email === email);

  const notifications = async (user: TestUser, kind: string) =>
    (
      (await api(t, user.token).get('/api/notifications').expect(200)).body
        .items as NotificationDto[]
    ).filter((n) => n.kind === kind);

  /** The transaction that last wrote a row: equal for rows written by one transaction. */
  const xmin = async (table: 'proposals' | 'invitations', id: string) =>
    (await sql<{ xmin: string }>(`SELECT xmin::text AS xmin FROM ${table} WHERE id = $1`, [id]))[0]!
      .xmin;

  it('accepted by votes: the contact is invited in the closing transaction and notified', async () => {
    const { coordinator, wid, voters } = await network(t, { core: 2 });
    const contact = await registerUser(t);
    const p = await propose(t, voters[0]!.rep, wid, {
      candidate: {
        kind: 'organisation',
        name: 'Sportclub Genk',
        actorType: 'sports',
        contactEmail: contact.email,
      },
    });
    // Only coordinators and the proposer see the contact.
    expect(p.candidateContactEmail).toBe(contact.email);
    const path = `/api/workspaces/${wid}/proposals/${p.id}`;
    expect((await api(t, coordinator.token).get(path).expect(200)).body.candidateContactEmail).toBe(
      contact.email,
    );
    expect(
      (await api(t, voters[1]!.rep.token).get(path).expect(200)).body.candidateContactEmail,
    ).toBeNull();
    const opened = await api(t, coordinator.token)
      .get(`/api/workspaces/${wid}/activity?type=proposal.opened`)
      .expect(200);
    expect(JSON.stringify(opened.body.items)).not.toContain(contact.email);

    for (const v of voters) {
      await api(t, v.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
    }
    const closed = (await api(t, coordinator.token).get(path).expect(200)).body as ProposalDto;
    expect(closed).toMatchObject({ status: 'accepted', candidate: { status: 'active' } });

    const [inv] = await invitationsFor(coordinator, wid, contact.email);
    expect(inv).toMatchObject({
      role: 'member',
      broker: false,
      partnerId: p.candidatePartnerId,
      createdBy: null,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(await xmin('invitations', inv!.id)).toBe(await xmin('proposals', p.id));
    const log = await api(t, coordinator.token)
      .get(`/api/workspaces/${wid}/activity?type=invitation.created`)
      .expect(200);
    expect(log.body.items.filter((e: { subjectId: string }) => e.subjectId === inv!.id)).toEqual([
      expect.objectContaining({
        actorId: null,
        partnerIds: [p.candidatePartnerId],
        payload: expect.objectContaining({ proposalId: p.id, emailBound: true, role: 'member' }),
      }),
    ]);

    await settled();
    expect(await notifications(contact, 'invited')).toEqual([
      expect.objectContaining({ subjectType: 'invitation', subjectId: inv!.id }),
    ]);
    // With a contact invited, nobody is told the partner is unrepresented.
    expect(await notifications(coordinator, 'partner_unrepresented')).toEqual([]);

    // The contact accepts in the app and represents the new partner.
    await api(t, contact.token).post(`/api/me/invitations/${inv!.id}/accept`).expect(200);
    const partner = await api(t, coordinator.token)
      .get(`/api/workspaces/${wid}/partners/${p.candidatePartnerId}`)
      .expect(200);
    expect(partner.body.representatives).toEqual([
      expect.objectContaining({ userId: contact.id, displayName: contact.displayName }),
    ]);
  });

  it('rejected or withdrawn: no invitation', async () => {
    const { coordinator, wid, voters } = await network(t, { core: 2 });
    const email = `nobody-${Date.now()}@example.org`;
    const candidate = { kind: 'organisation', name: 'Jeugdhuis', actorType: 'youth_work' };
    const rejected = await propose(t, coordinator, wid, {
      candidate: { ...candidate, contactEmail: email },
    });
    await api(t, voters[0]!.rep.token)
      .post(votePath(wid, rejected.id), { choice: 'no', reason: 'Not now' })
      .expect(200);
    await api(t, voters[1]!.rep.token).post(votePath(wid, rejected.id), { choice: 'yes' });
    const withdrawn = await propose(t, coordinator, wid, {
      candidate: { ...candidate, name: 'Jeugdhuis 2', contactEmail: email },
    });
    await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/proposals/${withdrawn.id}/withdraw`)
      .expect(200);
    const statuses = await sql<{ status: string }>(
      `SELECT status FROM proposals WHERE id = ANY($1) ORDER BY "createdAt"`,
      [[rejected.id, withdrawn.id]],
    );
    expect(statuses.map((s) => s.status)).toEqual(['rejected', 'withdrawn']);
    expect(await invitationsFor(coordinator, wid, email)).toEqual([]);
    await settled();
    expect(await notifications(coordinator, 'partner_unrepresented')).toEqual([]);
  });

  it('accepted at the deadline: the sweeper invites in its closing transaction', async () => {
    const { coordinator, wid, voters } = await network(t, { core: 2 });
    await setPolicy(t, coordinator, wid, 'core', { rule: 'consensus', silenceIsConsent: true });
    const email = `deadline-${Date.now()}@example.org`;
    const p = await propose(t, coordinator, wid, {
      candidate: { kind: 'individual', name: 'An', actorType: 'citizen', contactEmail: email },
    });
    await api(t, voters[0]!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
    await sql(`UPDATE proposals SET "closesAt" = now() WHERE id = $1`, [p.id]);
    await eventually(async () => {
      const res = await api(t, coordinator.token).get(`/api/workspaces/${wid}/proposals/${p.id}`);
      return res.body.status === 'accepted';
    }, 5000);
    const [inv] = await invitationsFor(coordinator, wid, email);
    expect(inv).toMatchObject({ partnerId: p.candidatePartnerId, createdBy: null });
    expect(await xmin('invitations', inv!.id)).toBe(await xmin('proposals', p.id));
  });

  it('accepted by an autonomous decision: invited; rejected by one: not', async () => {
    const { coordinator, wid, voters } = await network(t, { core: 1 });
    await setPolicy(t, coordinator, wid, 'broad', {
      rule: 'autonomous',
      deciders: [voters[0]!.partner.id],
    });
    const decide = async (outcome: 'accepted' | 'rejected', email: string) => {
      const p = await propose(t, coordinator, wid, {
        tier: 'broad',
        candidate: {
          kind: 'organisation',
          name: `Bib ${outcome}`,
          actorType: 'arts_culture',
          contactEmail: email,
        },
      });
      await sql(
        `UPDATE proposals SET "consultationEndsAt" = now() - interval '1 minute' WHERE id = $1`,
        [p.id],
      );
      await api(t, voters[0]!.rep.token)
        .post(`/api/workspaces/${wid}/proposals/${p.id}/decide`, { outcome, rationale: 'Fits' })
        .expect(200);
      return p;
    };
    const email = `yes-${Date.now()}@example.org`;
    const accepted = await decide('accepted', email);
    const [inv] = await invitationsFor(coordinator, wid, email);
    expect(inv).toMatchObject({ partnerId: accepted.candidatePartnerId, createdBy: null });
    expect(await xmin('invitations', inv!.id)).toBe(await xmin('proposals', accepted.id));
    const rejected = await decide('rejected', `no-${Date.now()}@example.org`);
    expect(
      await sql(`SELECT id FROM invitations WHERE "partnerId" = $1`, [rejected.candidatePartnerId]),
    ).toEqual([]);
  });

  it('admitted without a contact: every coordinator hears it has no representative', async () => {
    const { coordinator, wid, voters } = await network(t, { core: 1 });
    // The coordinator represents the only core partner: her own vote admits the candidate, and
    // she is told all the same (it is news about the partner, not about her act).
    const second = await addMember(t, coordinator, wid, 'coordinator');
    await api(t, coordinator.token)
      .patch(`/api/workspaces/${wid}/members/${coordinator.id}`, {
        partnerId: voters[0]!.partner.id,
      })
      .expect(200);
    const p = await propose(t, coordinator, wid, {
      candidate: { kind: 'organisation', name: 'Wijkcentrum', actorType: 'care_welfare' },
    });
    await api(t, coordinator.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
    await settled();
    for (const who of [coordinator, second]) {
      expect(await notifications(who, 'partner_unrepresented')).toEqual([
        expect.objectContaining({
          subjectType: 'partner',
          subjectId: p.candidatePartnerId,
          payload: expect.objectContaining({
            partnerId: p.candidatePartnerId,
            partnerName: 'Wijkcentrum',
          }),
        }),
      ]);
    }
    expect(await notifications(voters[0]!.rep, 'partner_unrepresented')).toEqual([]);

    // A contact who is already a member cannot accept an invitation: none is made, and the
    // coordinators hear that the partner still has nobody. (The first one leaves again, so the
    // coordinator's partner alone decides.)
    await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/partners/${p.candidatePartnerId}/leave`, { reason: 'Test' })
      .expect(200);
    const p2 = await propose(t, coordinator, wid, {
      candidate: {
        kind: 'organisation',
        name: 'Buurthuis',
        actorType: 'civil_society',
        contactEmail: second.email,
      },
    });
    await api(t, coordinator.token).post(votePath(wid, p2.id), { choice: 'yes' }).expect(200);
    await settled();
    expect(await invitationsFor(coordinator, wid, second.email)).toEqual([]);
    expect(
      (await notifications(second, 'partner_unrepresented')).map((n) => n.subjectId).sort(),
    ).toEqual([p.candidatePartnerId, p2.candidatePartnerId].sort());
  });

  it('preview: the rule, the electorate with representatives and the warnings; nothing written', async () => {
    const { coordinator, wid, voters } = await network(t, { core: 2 });
    const lonely = await createPartner(t, coordinator, wid, { tier: 'core', name: 'Sportclub' });
    const body = {
      candidate: { kind: 'organisation', name: 'Preview BV', actorType: 'entrepreneur' },
      tier: 'core',
      rationale: 'Just looking',
    };
    const count = async () =>
      (
        await sql<{ n: string }>(
          `SELECT count(*) AS n FROM activity_events WHERE "workspaceId" = $1`,
          [wid],
        )
      )[0]!.n;
    const before = await count();
    const res = await api(t, voters[0]!.rep.token)
      .post(`/api/workspaces/${wid}/proposals/preview`, body)
      .expect(200);
    expect(res.body).toMatchObject({
      tier: 'core',
      stage: 'hypothesis_vision',
      policy: { rule: 'consensus', electorate: 'core', silenceIsConsent: false },
      closesAt: expect.stringMatching(/Z$/),
      consultationEndsAt: null,
    });
    expect(res.body.electorate).toHaveLength(3);
    expect(res.body.electorate).toEqual(
      expect.arrayContaining([
        { partnerId: lonely.id, name: 'Sportclub', weight: 1, representativeCount: 0 },
        { partnerId: voters[0]!.partner.id, name: 'Core 0', weight: 1, representativeCount: 1 },
      ]),
    );
    expect(res.body.warnings).toEqual([
      { code: 'UNREPRESENTED', partnerIds: [lonely.id], blocksAcceptance: true },
    ]);
    expect(await count()).toBe(before);
    expect(
      await sql(`SELECT id FROM partners WHERE "workspaceId" = $1 AND name = 'Preview BV'`, [wid]),
    ).toEqual([]);

    // Silence is consent: still named, no longer blocking.
    await setPolicy(t, coordinator, wid, 'core', { rule: 'consensus', silenceIsConsent: true });
    const lenient = await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/proposals/preview`, body)
      .expect(200);
    expect(lenient.body.warnings).toEqual([
      { code: 'UNREPRESENTED', partnerIds: [lonely.id], blocksAcceptance: false },
    ]);

    // The same refusals as opening it.
    const observer = await addMember(t, coordinator, wid, 'observer');
    await api(t, observer.token).post(`/api/workspaces/${wid}/proposals/preview`, body).expect(403);
    const bad = await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/proposals/preview`, { ...body, tier: 'middle' })
      .expect(400);
    expect(bad.body.details[0].path).toEqual(['tier']);
    await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/proposals/preview`, {
        ...body,
        candidate: undefined,
        candidatePartnerId: voters[0]!.partner.id,
      })
      .expect(409);
  });

  it('viewer: who may vote, and why not', async () => {
    const { coordinator, wid, voters, broad } = await network(t, { core: 2, broad: 1 });
    const observer = await addMember(t, coordinator, wid, 'observer');
    const p = await propose(t, coordinator, wid);
    const viewer = async (user: TestUser) =>
      (await api(t, user.token).get(`/api/workspaces/${wid}/proposals/${p.id}`).expect(200)).body
        .viewer;
    expect(await viewer(voters[0]!.rep)).toEqual({
      partnerId: voters[0]!.partner.id,
      canVote: true,
      reason: 'ok',
    });
    expect(await viewer(broad[0]!.rep)).toEqual({
      partnerId: broad[0]!.partner.id,
      canVote: false,
      reason: 'not_in_electorate',
    });
    expect(await viewer(coordinator)).toMatchObject({ canVote: false, reason: 'no_partner' });
    expect(await viewer(observer)).toMatchObject({ canVote: false, reason: 'observer' });
    const list = await api(t, broad[0]!.rep.token)
      .get(`/api/workspaces/${wid}/proposals`)
      .expect(200);
    expect(list.body.items[0].viewer.reason).toBe('not_in_electorate');
    await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/proposals/${p.id}/withdraw`)
      .expect(200);
    expect(await viewer(voters[0]!.rep)).toMatchObject({ canVote: false, reason: 'closed' });
  });
});
