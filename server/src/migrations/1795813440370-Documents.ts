import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1795813440370 implements MigrationInterface {
  name = 'Documents1795813440370';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "title" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, "createdBy" uuid, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ab977275b98b482fe6081f9b8a" ON "documents"  ("workspaceId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "documents_one_vision_per_workspace" ON "documents"  ("workspaceId") WHERE "kind" = 'vision'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."documents_one_vision_per_workspace"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ab977275b98b482fe6081f9b8a"`);
    await queryRunner.query(`DROP TABLE "documents"`);
  }
}
