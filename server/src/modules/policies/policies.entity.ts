import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Policy, Stage, Tier } from '@coalesce/shared';

/** A coordinator-set decision policy for one stage and tier; absent rows take the stage defaults. */
@Entity('decision_policies')
export class DecisionPolicyEntity {
  @PrimaryColumn('uuid')
  workspaceId: string;

  @PrimaryColumn('varchar', { length: 40 })
  stage: Stage;

  @PrimaryColumn('varchar', { length: 10 })
  tier: Tier;

  /** The whole policy, defaults filled in. */
  @Column('jsonb')
  policy: Policy;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
