import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Stage } from '@coalesce/shared';

/** Every stage a workspace entered (the first row has `fromStage` null). */
@Entity('workspace_stage_changes')
@Index(['workspaceId', 'changedAt'])
export class StageChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 40, nullable: true })
  fromStage: Stage | null;

  @Column('varchar', { length: 40 })
  toStage: Stage;

  @Column('uuid', { nullable: true })
  changedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  changedAt: Date;
}
