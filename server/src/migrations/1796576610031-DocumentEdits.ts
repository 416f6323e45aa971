import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DocumentEdits1796576610031 implements MigrationInterface {
  name = 'DocumentEdits1796576610031';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_edits" ("documentId" uuid NOT NULL, "userId" uuid NOT NULL, "day" date NOT NULL, "firstAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4a09da06cbdc271d75f276c8705" PRIMARY KEY ("documentId", "userId", "day"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_edits" ADD CONSTRAINT "FK_ceedaad9993d7b89e624b4cfa4b" FOREIGN KEY ("documentId") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "document_edits" DROP CONSTRAINT "FK_ceedaad9993d7b89e624b4cfa4b"`,
    );
    await queryRunner.query(`DROP TABLE "document_edits"`);
  }
}
