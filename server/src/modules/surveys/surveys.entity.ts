import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Stage, SurveyTie } from '@coalesce/shared';

/**
 * A relationship survey wave. It opens at `opensAt` (at once when that is not in the future):
 * then the roster (the partners active at that moment) and the declared stage are frozen, so a
 * wave's scores keep meaning what they meant when partners answered.
 */
@Entity('survey_waves')
@Index(['workspaceId', 'opensAt', 'id'])
// The sweeps look for waves to open, remind about and close.
@Index('survey_waves_unclosed', ['closesAt'], { where: `"closedAt" IS NULL` })
export class SurveyWaveEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 200 })
  title: string;

  @Column({ type: 'timestamptz', precision: 3 })
  opensAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  closesAt: Date;

  /** When `survey.opened` was recorded (null while scheduled). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  openedAt: Date | null;

  /** When `survey.reminded` was recorded: one reminder per wave, ever. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  remindedAt: Date | null;

  /** When `survey.closed` was recorded (by the sweep at `closesAt`, or a coordinator). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  /** The partners asked, with their names then: [{partnerId, name}]. */
  @Column('jsonb', { default: () => "'[]'" })
  roster: { partnerId: string; name: string }[];

  @Column('varchar', { length: 40, nullable: true })
  declaredStage: Stage | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** Name of the unique index: one response per partner per wave. */
export const ONE_RESPONSE_PER_PARTNER_INDEX = 'survey_responses_partner';

/** One partner's answer to a wave; revised in place until the wave closes. */
@Entity('survey_responses')
@Index(ONE_RESPONSE_PER_PARTNER_INDEX, ['waveId', 'partnerId'], { unique: true })
export class SurveyResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  waveId: string;

  /** The answering partner. */
  @Column('uuid')
  partnerId: string;

  @Column('jsonb')
  ties: SurveyTie[];

  /** Stage statement id → rating 1–4. */
  @Column('jsonb')
  stage: Record<string, number>;

  /** The representative who last submitted it. */
  @Column('uuid')
  submittedBy: string;

  @Column({ type: 'timestamptz', precision: 3 })
  submittedAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
