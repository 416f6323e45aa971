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
 * `document_snapshots` and deletes exactly the rows it folded. `docSeq` numbers a document's
 * rows 1, 2, 3… in commit order (from `documents.updateSeq`): an instance that holds the
 * document live notices a missed relayed update as a hole and reads it back from here.
 */
@Entity('document_updates')
@Index('document_updates_document_doc_seq', ['documentId', 'docSeq'], { unique: true })
export class DocumentUpdateEntity {
  /** bigint: node-postgres hands it over as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column('uuid')
  documentId: string;

  /** bigint: the row's place in its document's log, gap-free per document. */
  @Column('bigint')
  docSeq: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'documentId' })
  document?: DocumentEntity;

  @Column('bytea')
  update: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
