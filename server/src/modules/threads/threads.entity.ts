import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ThreadAnchor, ThreadSubjectType } from '@coalesce/shared';

/** A discussion about a document range, a proposal or an experiment. */
@Entity('threads')
@Index(['workspaceId', 'subjectType', 'subjectId'])
@Index(['workspaceId', 'createdAt', 'id'])
export class ThreadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 20 })
  subjectType: ThreadSubjectType;

  @Column('uuid')
  subjectId: string;

  /** Document threads only: the range (Yjs relative positions) and the quote it had. */
  @Column('jsonb', { nullable: true })
  anchor: ThreadAnchor | null;

  @Column('boolean', { default: false })
  resolved: boolean;

  @Column('uuid', { nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Column('uuid')
  createdBy: string;

  /** Millisecond precision: it is a pagination key. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

@Entity('thread_comments')
@Index(['threadId', 'createdAt'])
export class ThreadCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  threadId: string;

  @Column('uuid')
  authorId: string;

  @Column('text')
  text: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  editedAt: Date | null;
}
