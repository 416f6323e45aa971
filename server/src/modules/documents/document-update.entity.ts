import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DocumentEntity } from './documents.entity';

/**
 * The append-only collaboration log: one row per Yjs update, committed before the update is
 * sent to any other client. `seq` comes from one database sequence, so it is unique and ordered
 * even when several server processes append to the same document; squashing folds rows into
 * `document_snapshots` and deletes exactly the rows it folded.
 */
@Entity('document_updates')
@Index('document_updates_document_seq', ['documentId', 'seq'], { unique: true })
export class DocumentUpdateEntity {
  /** bigint: node-postgres hands it over as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column('uuid')
  documentId: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'documentId' })
  document?: DocumentEntity;

  @Column('bytea')
  update: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
