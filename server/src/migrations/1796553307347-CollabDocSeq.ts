import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CollabDocSeq1796553307347 implements MigrationInterface {
  name = 'CollabDocSeq1796553307347';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."document_updates_document_seq"`);
    await queryRunner.query(`ALTER TABLE "documents" ADD "updateSeq" bigint NOT NULL DEFAULT '0'`);
    // Existing rows are numbered per document in their (global) seq order, and each
    // document's counter starts after its last row.
    await queryRunner.query(`ALTER TABLE "document_updates" ADD "docSeq" bigint`);
    await queryRunner.query(
      `UPDATE "document_updates" u SET "docSeq" = r.n
         FROM (SELECT "seq", row_number() OVER (PARTITION BY "documentId" ORDER BY "seq") AS n
                 FROM "document_updates") r
        WHERE r."seq" = u."seq"`,
    );
    await queryRunner.query(
      `UPDATE "documents" d SET "updateSeq" = c.n
         FROM (SELECT "documentId", max("docSeq") AS n FROM "document_updates" GROUP BY 1) c
        WHERE c."documentId" = d."id"`,
    );
    await queryRunner.query(`ALTER TABLE "document_updates" ALTER COLUMN "docSeq" SET NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "document_updates_document_doc_seq" ON "document_updates" ("documentId", "docSeq") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."document_updates_document_doc_seq"`);
    await queryRunner.query(`ALTER TABLE "document_updates" DROP COLUMN "docSeq"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "updateSeq"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "document_updates_document_seq" ON "document_updates" USING btree ("seq", "documentId") `,
    );
  }
}
