import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type {
  ActorType,
  Contributions,
  Motivation,
  PartnerKind,
  PartnerStatus,
  Tier,
} from '@coalesce/shared';

/** An organisation or individual in a workspace's network, in one tier, with a decision weight. */
@Entity('partners')
@Index(['workspaceId', 'createdAt', 'id'])
@Index(['workspaceId', 'status', 'tier'])
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 20 })
  kind: PartnerKind;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { length: 40 })
  actorType: ActorType;

  @Column('varchar', { length: 10 })
  tier: Tier;

  @Column('varchar', { length: 20 })
  status: PartnerStatus;

  /** Decision weight (≥ 0); frozen into a proposal's electorate when it opens. */
  @Column('double precision', { default: 1 })
  weight: number;

  @Column('varchar', { length: 40, array: true, default: () => "'{}'" })
  motivations: Motivation[];

  /** Always written whole by the service ({expertise, targetGroups, resources}). */
  @Column('jsonb', { default: () => "'{}'" })
  contributions: Contributions;

  /** For individuals: the organisation partner (same workspace) they are affiliated with. */
  @Column('uuid', { nullable: true })
  affiliationPartnerId: string | null;

  @Column('text', { default: '' })
  description: string;

  @Column('varchar', { length: 2000, nullable: true })
  website: string | null;

  /** When the partner became active (null for candidates and rejected ones). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  joinedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  leftAt: Date | null;

  @Column('text', { nullable: true })
  leftReason: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  /** Millisecond precision: it is a pagination key. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/**
 * A partner's standing vote delegation: one per partner (the primary key), replaced by a new
 * one and removed on revocation. Proposals copy it into their electorate snapshot at opening.
 */
@Entity('partner_delegations')
@Index(['workspaceId'])
export class PartnerDelegationEntity {
  @PrimaryColumn('uuid')
  partnerId: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  toPartnerId: string;

  @Column('uuid')
  setBy: string;

  @Column({ type: 'timestamptz', precision: 3 })
  setAt: Date;
}
