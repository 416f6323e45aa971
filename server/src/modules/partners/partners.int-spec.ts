import type { TestingModule } from '@nestjs/testing';
import type { CreatePartner } from '@coalesce/shared';
import { DataSource } from 'typeorm';
import { startIntContext } from '../../../test/int-context';
import { uniqueEmail } from '../../../test/factories';
import type { Membership } from '../../common/auth/auth.types';
import { MembersService } from '../members/members.service';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { PartnersService } from './partners.service';

describe('PartnersService helpers (PostgreSQL)', () => {
  let ctx: TestingModule;
  let partners: PartnersService;
  let ds: DataSource;
  beforeAll(async () => {
    ctx = await startIntContext();
    partners = ctx.get(PartnersService);
    ds = ctx.get(DataSource);
  });
  afterAll(() => ctx.close());

  async function workspace(): Promise<Membership> {
    const owner = await ctx
      .get(UsersService)
      .create({ email: uniqueEmail(), passwordHash: 'x', displayName: 'U' });
    const w = await ctx.get(WorkspacesService).create(owner.id, { name: 'W' });
    return (await ctx.get(MembersService).membershipOf(w.id, owner.id))!;
  }
  const profile = (name: string): CreatePartner => ({
    kind: 'organisation',
    name,
    actorType: 'education',
    tier: 'core',
    weight: 1,
    motivations: [],
    contributions: { expertise: [], targetGroups: [], resources: [] },
  });

  it('findInWorkspace and assertAllInWorkspace see only this workspace’s partners', async () => {
    const me = await workspace();
    const other = await workspace();
    const a = await partners.create(me, profile('A'));
    const b = await partners.create(me, profile('B'));
    const foreign = await partners.create(other, profile('F'));
    expect(
      (await partners.findInWorkspace(me.workspaceId, [b.id, a.id, foreign.id]))
        .map((p) => p.name)
        .sort(),
    ).toEqual(['A', 'B']);
    expect(
      (await partners.assertAllInWorkspace(me.workspaceId, [b.id, a.id], 'partnerIds')).map(
        (p) => p.id,
      ),
    ).toEqual([b.id, a.id]);
    await expect(
      partners.assertAllInWorkspace(me.workspaceId, [a.id, foreign.id], ['partnerIds']),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: ['partnerIds'] }] });
    await partners.leave(me, b.id, { reason: 'bye' });
    await expect(
      partners.assertAllInWorkspace(me.workspaceId, [a.id, b.id], 'deciders', {
        statuses: ['active'],
      }),
    ).rejects.toMatchObject({ details: [{ path: ['deciders'] }] });
  });

  it('activePartnersAt answers who was active at a moment, from joinedAt and leftAt', async () => {
    const me = await workspace();
    const a = await partners.create(me, profile('A'));
    const b = await partners.create(me, profile('B'));
    await ds.query(`UPDATE partners SET "joinedAt" = '2030-01-01Z' WHERE id = $1; `, [a.id]);
    await ds.query(
      `UPDATE partners SET "joinedAt" = '2030-02-01Z', status = 'left', "leftAt" = '2030-03-01Z' WHERE id = $1`,
      [b.id],
    );
    const at = async (iso: string) =>
      (await partners.activePartnersAt(me.workspaceId, new Date(iso))).map((p) => p.name);
    expect(await at('2029-12-31T00:00:00Z')).toEqual([]);
    expect(await at('2030-01-15T00:00:00Z')).toEqual(['A']);
    expect(await at('2030-02-15T00:00:00Z')).toEqual(['A', 'B']);
    expect(await at('2030-03-01T00:00:00Z')).toEqual(['A']);
    expect(partners.isRepresentative({ role: 'member', partnerId: a.id }, a.id)).toBe(true);
    expect(partners.isRepresentative({ role: 'observer', partnerId: a.id }, a.id)).toBe(false);
  });
});
