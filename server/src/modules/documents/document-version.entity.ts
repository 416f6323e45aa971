import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ProseMirrorNode } from '@coalesce/shared';
import { DocumentEntity } from './documents.entity';

/** A named version: the exact Yjs state (for restore) plus its rendering at that moment. */
@Entity('document_versions')
@Index('document_versions_document_created', ['documentId', 'createdAt', 'id'])
export class DocumentVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  documentId: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'documentId' })
  document?: DocumentEntity;

  @Column('varchar', { length: 200 })
  label: string;

  @Column('bytea')
  state: Buffer;

  @Column('jsonb')
  json: ProseMirrorNode;

  @Column('text')
  html: string;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
