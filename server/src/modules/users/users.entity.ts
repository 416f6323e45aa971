import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Locale } from '@coalesce/shared';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** As entered (trimmed). */
  @Column('varchar', { length: 254 })
  email: string;

  /** Lower-cased email: the unique key, so emails are unique case-insensitively. */
  @Column('varchar', { length: 254, unique: true })
  emailKey: string;

  @Column('varchar', { length: 255, select: false })
  passwordHash: string;

  @Column('varchar', { length: 200 })
  displayName: string;

  @Column('varchar', { length: 5, default: 'en' })
  locale: Locale;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
