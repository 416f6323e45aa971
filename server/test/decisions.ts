import type { PartnerDto, PolicyInput, ProposalDto, Tier } from '@coalesce/shared';
import {
  api,
  createWorkspace,
  partnerWithRepresentative,
  registerUser,
  type TestUser,
} from './factories';
import type { TestApp } from './test-app';

/** Helpers for decision tests: a network of partners with representatives, policies, proposals. */

export interface Voter {
  partner: PartnerDto;
  rep: TestUser;
}

/** A coordinator's workspace with `core` core partners (and `broad` broad ones), each with a rep. */
export async function network(
  t: TestApp,
  opts: { core?: number; broad?: number; weights?: number[]; stage?: string } = {},
) {
  const coordinator = await registerUser(t);
  const workspace = await createWorkspace(
    t,
    coordinator,
    opts.stage ? { stage: opts.stage as never } : {},
  );
  const voters: Voter[] = [];
  const broad: Voter[] = [];
  for (let i = 0; i < (opts.core ?? 3); i++) {
    voters.push(
      await partnerWithRepresentative(t, coordinator, workspace.id, {
        tier: 'core',
        weight: opts.weights?.[i] ?? 1,
        name: `Core ${i}`,
      }),
    );
  }
  for (let i = 0; i < (opts.broad ?? 0); i++) {
    broad.push(
      await partnerWithRepresentative(t, coordinator, workspace.id, {
        tier: 'broad',
        name: `Broad ${i}`,
      }),
    );
  }
  return { coordinator, workspace, wid: workspace.id, voters, broad };
}

export async function setPolicy(
  t: TestApp,
  coordinator: TestUser,
  wid: string,
  tier: Tier,
  policy: PolicyInput & { stage?: string },
): Promise<void> {
  const res = await api(t, coordinator.token).put(
    `/api/workspaces/${wid}/decision-policies/${tier}`,
    policy,
  );
  if (res.status !== 200) throw new Error(`set policy: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function propose(
  t: TestApp,
  user: TestUser,
  wid: string,
  body: Record<string, unknown> = {},
): Promise<ProposalDto> {
  const res = await api(t, user.token).post(`/api/workspaces/${wid}/proposals`, {
    candidate: { kind: 'organisation', name: 'Labiomista', actorType: 'arts_culture' },
    tier: 'core',
    rationale: 'They run the park',
    ...body,
  });
  if (res.status !== 201) throw new Error(`propose: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ProposalDto;
}

export const votePath = (wid: string, pid: string) =>
  `/api/workspaces/${wid}/proposals/${pid}/votes`;

/** Polls until `fn` answers something truthy (for state another process or a timer changes). */
export async function eventually<T>(
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 8000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
