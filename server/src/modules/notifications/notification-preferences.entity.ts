import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A user's choices; kinds left out take the defaults (`resolveNotificationPreferences`). */
@Entity('notification_preferences')
export class NotificationPreferencesEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('jsonb', { default: () => "'{}'" })
  inApp: Record<string, boolean>;

  @Column('jsonb', { default: () => "'{}'" })
  email: Record<string, boolean>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
