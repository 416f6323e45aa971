import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DocumentEntity } from './documents.entity';

/**
 * Who wrote in a document, by day: one row per (document, person, UTC day) on which a live
 * update of theirs was committed. The update log itself carries no author (it is the
 * per-keystroke hot path); this small table answers "did these two people's partners write in
 * the same document after the broker introduced them?" without replaying any log.
 */
@Entity('document_edits')
export class DocumentEditEntity {
  @PrimaryColumn('uuid')
  documentId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('date')
  day: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'documentId' })
  document?: DocumentEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  firstAt: Date;
}
