import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@coalesce/shared';

/** A single-use invitation; only the sha256 of its token is kept. */
@Entity('invitations')
@Index(['workspaceId', 'createdAt'])
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 64, unique: true })
  tokenHash: string;

  /** When set, only the user with this email (case-insensitively) may accept. */
  @Column('varchar', { length: 254, nullable: true })
  email: string | null;

  @Column('varchar', { length: 20 })
  role: Role;

  @Column('boolean', { default: false })
  broker: boolean;

  @Column('uuid', { nullable: true })
  partnerId: string | null;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  /** Millisecond precision: it is a pagination key. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  @Column('uuid', { nullable: true })
  acceptedBy: string | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
