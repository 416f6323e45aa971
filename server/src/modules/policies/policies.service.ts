import { Injectable } from '@nestjs/common';
import {
  STAGES,
  TIERS,
  defaultPoliciesForStage,
  type DecisionPoliciesDto,
  type Policy,
  type PolicyPut,
  type Stage,
  type Tier,
} from '@coalesce/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import { forbidden } from '../../common/errors/domain-error';
import { ActivityService } from '../activity/activity.service';
import { PartnersService } from '../partners/partners.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { DecisionPolicyEntity } from './policies.entity';
import { canSetPolicies } from './policies.policy';

const clonePolicy = (p: Policy): Policy => ({ ...p, deciders: [...p.deciders] });

/**
 * Decision policies per stage and tier. Only rows a coordinator set are stored; the rest are
 * `defaultPoliciesForStage`. Proposals copy the policy in force when they open.
 */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workspaces: WorkspacesService,
    private readonly partners: PartnersService,
    private readonly activity: ActivityService,
  ) {}

  /** The policy for a stage and tier (a copy; the caller may keep it). */
  async policyFor(
    workspaceId: string,
    stage: Stage,
    tier: Tier,
    manager?: EntityManager,
  ): Promise<Policy> {
    const row = await (manager ?? this.dataSource.manager)
      .getRepository(DecisionPolicyEntity)
      .findOneBy({ workspaceId, stage, tier });
    return clonePolicy(row?.policy ?? defaultPoliciesForStage(stage)[tier]);
  }

  async get(workspaceId: string, manager?: EntityManager): Promise<DecisionPoliciesDto> {
    const m = manager ?? this.dataSource.manager;
    const workspace = await this.workspaces.entity(workspaceId, m);
    const rows = await m.getRepository(DecisionPolicyEntity).findBy({ workspaceId });
    const byStage = {} as DecisionPoliciesDto['byStage'];
    const custom = {} as DecisionPoliciesDto['custom'];
    for (const stage of STAGES) {
      const defaults = defaultPoliciesForStage(stage);
      byStage[stage] = {} as Record<Tier, Policy>;
      custom[stage] = {} as Record<Tier, boolean>;
      for (const tier of TIERS) {
        const row = rows.find((r) => r.stage === stage && r.tier === tier);
        byStage[stage][tier] = clonePolicy(row?.policy ?? defaults[tier]);
        custom[stage][tier] = !!row;
      }
    }
    return {
      stage: workspace.stage,
      core: clonePolicy(byStage[workspace.stage].core),
      broad: clonePolicy(byStage[workspace.stage].broad),
      byStage,
      custom,
    };
  }

  /**
   * Replaces the row of (stage, tier); without `stage`, the workspace's current stage. Deciders
   * must be active partners of the workspace (400 naming `deciders`). Open proposals keep theirs.
   */
  async put(me: Membership, tier: Tier, input: PolicyPut): Promise<DecisionPoliciesDto> {
    if (!canSetPolicies(me)) throw forbidden('Only coordinators can set decision policies');
    return this.dataSource.transaction(async (manager) => {
      const workspace = await this.workspaces.entity(me.workspaceId, manager);
      const stage = input.stage ?? workspace.stage;
      const { stage: _stage, ...fields } = input;
      const policy: Policy = { ...fields, deciders: [...new Set(fields.deciders)] };
      await this.partners.assertAllInWorkspace(me.workspaceId, policy.deciders, ['deciders'], {
        manager,
        statuses: ['active'],
      });
      const before = await this.policyFor(me.workspaceId, stage, tier, manager);
      await manager
        .createQueryBuilder()
        .insert()
        .into(DecisionPolicyEntity)
        .values({ workspaceId: me.workspaceId, stage, tier, policy, updatedBy: me.userId })
        .orUpdate(['policy', 'updatedBy', 'updatedAt'], ['workspaceId', 'stage', 'tier'])
        .execute();
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'policy.changed',
        actorId: me.userId,
        subjectType: 'policy',
        subjectId: null,
        partnerIds: [...before.deciders, ...policy.deciders],
        payload: { stage, tier, from: before, to: policy, currentStage: stage === workspace.stage },
      });
      return this.get(me.workspaceId, manager);
    });
  }
}
