import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { startIntContext } from '../../../test/int-context';
import { uniqueEmail } from '../../../test/factories';
import type { MemberAccessChanged } from '../../common/events/domain-events';
import { EventBus } from '../../common/events/event-bus';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { MembersService } from './members.service';

describe('MembersService (PostgreSQL)', () => {
  let ctx: TestingModule;
  let members: MembersService;
  let ds: DataSource;
  const changes: MemberAccessChanged[] = [];
  beforeAll(async () => {
    ctx = await startIntContext();
    members = ctx.get(MembersService);
    ds = ctx.get(DataSource);
    ctx.get(EventBus).on('member.access_changed', (c) => void changes.push(c));
  });
  afterAll(() => ctx.close());

  const user = () =>
    ctx.get(UsersService).create({ email: uniqueEmail(), passwordHash: 'x', displayName: 'U' });

  async function workspace() {
    const owner = await user();
    const w = await ctx.get(WorkspacesService).create(owner.id, { name: 'W' });
    return { owner, w };
  }

  it('roleOf answers the membership or null; add refuses a second membership', async () => {
    const { owner, w } = await workspace();
    const other = await user();
    expect(await members.roleOf(w.id, owner.id)).toEqual({
      role: 'coordinator',
      broker: false,
      partnerId: null,
    });
    expect(await members.roleOf(w.id, other.id)).toBeNull();
    await expect(
      ds.transaction((m) =>
        members.add(m, {
          workspaceId: w.id,
          userId: owner.id,
          role: 'member',
          actorId: owner.id,
          via: 'invitation',
        }),
      ),
    ).rejects.toMatchObject({ code: 'ALREADY_MEMBER' });
  });

  it('emits member.access_changed after commit on join, role change and removal', async () => {
    const { owner, w } = await workspace();
    const other = await user();
    await ds.transaction((m) =>
      members.add(m, {
        workspaceId: w.id,
        userId: other.id,
        role: 'member',
        actorId: owner.id,
        via: 'invitation',
      }),
    );
    const actor = (await members.membershipOf(w.id, owner.id))!;
    await members.update(actor, other.id, { role: 'observer' });
    await members.remove(actor, other.id);
    await new Promise((r) => setImmediate(r));
    expect(changes.filter((c) => c.userId === other.id).map((c) => c.role)).toEqual([
      'member',
      'observer',
      null,
    ]);
  });

  it('concurrent demotions of the two coordinators: one wins, one gets LAST_COORDINATOR', async () => {
    const { owner, w } = await workspace();
    const other = await user();
    await ds.transaction((m) =>
      members.add(m, {
        workspaceId: w.id,
        userId: other.id,
        role: 'coordinator',
        actorId: owner.id,
        via: 'invitation',
      }),
    );
    const a = (await members.membershipOf(w.id, owner.id))!;
    const b = (await members.membershipOf(w.id, other.id))!;
    const results = await Promise.allSettled([
      members.update(a, owner.id, { role: 'member' }),
      members.remove(b, other.id),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'LAST_COORDINATOR',
    });
    const coordinators = await ds.query(
      `SELECT count(*)::int AS n FROM workspace_members WHERE "workspaceId" = $1 AND role = 'coordinator'`,
      [w.id],
    );
    expect(coordinators[0].n).toBe(1);
  });

  it('a registered partner-link validator decides which partnerIds may be linked', async () => {
    const { owner, w } = await workspace();
    const actor = (await members.membershipOf(w.id, owner.id))!;
    const allowed = '44444444-4444-4444-8444-444444444444';
    members.usePartnerLinkValidator(async (_m, _wid, pid) => pid === allowed);
    try {
      await expect(
        members.update(actor, owner.id, { partnerId: '55555555-5555-4555-8555-555555555555' }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: ['partnerId'] }] });
      expect((await members.update(actor, owner.id, { partnerId: allowed })).partnerId).toBe(
        allowed,
      );
    } finally {
      members.usePartnerLinkValidator(async () => true);
    }
  });

  it('creating a workspace creates its vision document in the same transaction', async () => {
    const { w } = await workspace();
    const docs = await ds.query('SELECT id, kind, title FROM documents WHERE "workspaceId" = $1', [
      w.id,
    ]);
    expect(docs).toEqual([{ id: w.visionDocumentId, kind: 'vision', title: 'Vision' }]);
  });
});
