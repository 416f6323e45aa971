import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DocumentEntity } from './documents.entity';

/**
 * The squashed state of a document (`Y.encodeStateAsUpdate`) covering every update row that was
 * folded into it; loading is this snapshot plus the rows still in `document_updates`.
 */
@Entity('document_snapshots')
export class DocumentSnapshotEntity {
  @PrimaryColumn('uuid')
  documentId: string;

  @OneToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'documentId' })
  document?: DocumentEntity;

  @Column('bytea')
  state: Buffer;

  /** The highest `document_updates.seq` folded into `state` (informational; rows are deleted). */
  @Column('bigint')
  upToSeq: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
