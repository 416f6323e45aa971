import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A person's writing in one document on one UTC day (`day` is `YYYY-MM-DD`). */
export interface DocumentEditRow {
  documentId: string;
  userId: string;
  day: string;
  kind: string;
}

/** The documents module's `document_edits` table (see DocumentEditEntity). */
@Injectable()
export class DocumentEditsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: the primary key keeps one row per (document, person, day). */
  async record(documentId: string, userId: string, day: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO document_edits ("documentId", "userId", day) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [documentId, userId, day],
    );
  }

  /** Every (document, person, day) of a workspace, with the document's kind. */
  async inWorkspace(workspaceId: string): Promise<DocumentEditRow[]> {
    const rows: { documentId: string; userId: string; day: string; kind: string }[] =
      await this.dataSource.query(
        `SELECT e."documentId", e."userId", to_char(e.day, 'YYYY-MM-DD') AS day, d.kind
           FROM document_edits e JOIN documents d ON d.id = e."documentId"
          WHERE d."workspaceId" = $1
          ORDER BY e.day, e."documentId", e."userId"`,
        [workspaceId],
      );
    return rows;
  }
}
