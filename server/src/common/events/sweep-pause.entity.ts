import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A workspace that background sweeps leave alone until `until` (see SweepPause). */
@Entity('sweep_pauses')
export class SweepPauseEntity {
  @PrimaryColumn('uuid')
  workspaceId!: string;

  @Column('timestamptz')
  until!: Date;
}
