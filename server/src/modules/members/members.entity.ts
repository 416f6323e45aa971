import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@coalesce/shared';

/** A user's membership of a workspace. */
@Entity('workspace_members')
@Index(['userId', 'joinedAt'])
export class MemberEntity {
  @PrimaryColumn('uuid')
  workspaceId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('varchar', { length: 20 })
  role: Role;

  /** Broker is a flag on top of the role. */
  @Column('boolean', { default: false })
  broker: boolean;

  /** The partner this member represents (validated by the partners module's link validator). */
  @Column('uuid', { nullable: true })
  partnerId: string | null;

  /** Millisecond precision: it is a pagination key. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  joinedAt: Date;
}
