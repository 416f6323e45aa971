import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CollabPersistence1795813784079 implements MigrationInterface {
  name = 'CollabPersistence1795813784079';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_snapshots" ("documentId" uuid NOT NULL, "state" bytea NOT NULL, "upToSeq" bigint NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf55b0a214c62e7afee7203ca00" PRIMARY KEY ("documentId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "document_updates" ("seq" BIGSERIAL NOT NULL, "documentId" uuid NOT NULL, "update" bytea NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1db7977e31b178b18013fa9922f" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "document_updates_document_seq" ON "document_updates"  ("documentId", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "document_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "documentId" uuid NOT NULL, "label" character varying(200) NOT NULL, "state" bytea NOT NULL, "json" jsonb NOT NULL, "html" text NOT NULL, "createdBy" uuid, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_baf26dab035c6d6fc433f9dc6a2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "document_versions_document_created" ON "document_versions"  ("documentId", "createdAt", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "document_snapshots" ADD CONSTRAINT "FK_bf55b0a214c62e7afee7203ca00" FOREIGN KEY ("documentId") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_updates" ADD CONSTRAINT "FK_7264b57937c45c72f217510015b" FOREIGN KEY ("documentId") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_versions" ADD CONSTRAINT "FK_4ea14bf55da75a8c3997e745a28" FOREIGN KEY ("documentId") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "document_versions" DROP CONSTRAINT "FK_4ea14bf55da75a8c3997e745a28"`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_updates" DROP CONSTRAINT "FK_7264b57937c45c72f217510015b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_snapshots" DROP CONSTRAINT "FK_bf55b0a214c62e7afee7203ca00"`,
    );
    await queryRunner.query(`DROP INDEX "public"."document_versions_document_created"`);
    await queryRunner.query(`DROP TABLE "document_versions"`);
    await queryRunner.query(`DROP INDEX "public"."document_updates_document_seq"`);
    await queryRunner.query(`DROP TABLE "document_updates"`);
    await queryRunner.query(`DROP TABLE "document_snapshots"`);
  }
}
