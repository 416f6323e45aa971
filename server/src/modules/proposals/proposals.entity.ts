import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type {
  ElectorateMember,
  Policy,
  PrincipleFit,
  ProposalOutcomeDto,
  ProposalStatus,
  Stage,
  Tier,
  VoteChoice,
} from '@coalesce/shared';

/**
 * A proposal to admit a partner. Its policy and electorate are frozen at opening. At most one
 * open proposal per candidate (partial unique index); the deadline sweeper finds open ones by
 * `closesAt` (partial index).
 */
@Entity('proposals')
@Index(['workspaceId', 'createdAt', 'id'])
@Index('proposals_one_open_per_candidate', ['candidatePartnerId'], {
  unique: true,
  where: `"status" = 'open'`,
})
@Index('proposals_open_by_deadline', ['closesAt'], { where: `"status" = 'open'` })
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 20 })
  status: ProposalStatus;

  @Column('varchar', { length: 10 })
  tier: Tier;

  @Column('uuid')
  candidatePartnerId: string;

  /** The candidate was created with the proposal (it becomes `rejected` unless accepted). */
  @Column('boolean', { default: false })
  inlineCandidate: boolean;

  /**
   * An inline candidate's contact: on admission they are invited to represent the new partner.
   * Shown only to coordinators and the proposer; never written to the activity log.
   */
  @Column('varchar', { length: 254, nullable: true })
  candidateContactEmail: string | null;

  @Column('text')
  rationale: string;

  @Column('jsonb', { default: () => "'[]'" })
  principleFit: PrincipleFit[];

  @Column('varchar', { length: 40 })
  stage: Stage;

  @Column('jsonb')
  policy: Policy;

  @Column('jsonb')
  electorate: ElectorateMember[];

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  consultationEndsAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3 })
  closesAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column('jsonb', { nullable: true })
  outcome: ProposalOutcomeDto | null;

  @Column('uuid')
  proposedBy: string;

  /** The last reminder sent by hand (`POST …/remind`): the next is allowed an hour later. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  remindedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** The current vote of a partner on a proposal: one per (proposal, partner), by the database. */
@Entity('proposal_votes')
@Index(['proposalId', 'partnerId'], { unique: true })
export class ProposalVoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  proposalId: string;

  @Column('uuid')
  partnerId: string;

  @Column('varchar', { length: 10 })
  choice: VoteChoice;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid')
  castBy: string;

  @Column({ type: 'timestamptz', precision: 3 })
  castAt: Date;
}

/** Every vote ever cast; a replaced one gets `supersededAt`. */
@Entity('proposal_vote_history')
@Index(['proposalId', 'castAt'])
export class ProposalVoteHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  proposalId: string;

  @Column('uuid')
  partnerId: string;

  @Column('varchar', { length: 10 })
  choice: VoteChoice;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid')
  castBy: string;

  @Column({ type: 'timestamptz', precision: 3 })
  castAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  supersededAt: Date | null;
}

/** Advice given during an autonomous proposal's consultation. */
@Entity('proposal_advice')
@Index(['proposalId', 'createdAt'])
export class ProposalAdviceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  proposalId: string;

  @Column('uuid')
  authorId: string;

  @Column('uuid', { nullable: true })
  partnerId: string | null;

  @Column('text')
  text: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
