import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Secrets generated once and shared by every instance (e.g. the token signing key). */
@Entity('app_secrets')
export class AppSecretEntity {
  @PrimaryColumn('varchar', { length: 100 })
  name: string;

  @Column('text')
  value: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
