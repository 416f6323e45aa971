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

  /**
   * The docSeq of the last committed update-log row (see DocumentUpdateEntity), bumped by the
   * collab persistence's INSERT only: never selected or written through TypeORM, so a save of
   * the metadata cannot set it back.
   */
  @Column({ type: 'bigint', default: 0, select: false, insert: false, update: false })
  updateSeq: string;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
