import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { DocumentKind } from '@coalesce/shared';

/** A collaborative document's metadata; its content lives in the collab update log. */
@Entity('documents')
@Index('documents_one_vision_per_workspace', ['workspaceId'], {
  unique: true,
  where: `"kind" = 'vision'`,
})
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 200 })
  title: string;

  /**
   * The title is the system's default (the vision's "Vision"), which readers see in their own
   * language; false once a person chose the title.
   */
  @Column('boolean', { default: false })
  titleIsDefault: boolean;

  @Column('varchar', { length: 20 })
  kind: DocumentKind;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
