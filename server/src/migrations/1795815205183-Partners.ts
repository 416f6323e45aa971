import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Partners1795815205183 implements MigrationInterface {
  name = 'Partners1795815205183';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "partners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "kind" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "actorType" character varying(40) NOT NULL, "tier" character varying(10) NOT NULL, "status" character varying(20) NOT NULL, "weight" double precision NOT NULL DEFAULT '1', "motivations" character varying(40) array NOT NULL DEFAULT '{}', "contributions" jsonb NOT NULL DEFAULT '{}', "affiliationPartnerId" uuid, "description" text NOT NULL DEFAULT '', "website" character varying(2000), "joinedAt" TIMESTAMP(3) WITH TIME ZONE, "leftAt" TIMESTAMP(3) WITH TIME ZONE, "leftReason" text, "createdBy" uuid, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_998645b20820e4ab99aeae03b41" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_358d711a728daec9c0c85cf664" ON "partners"  ("workspaceId", "status", "tier") `);
    await queryRunner.query(`CREATE INDEX "IDX_b5ac50c100993b182cabaeeee3" ON "partners"  ("workspaceId", "createdAt", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_b5ac50c100993b182cabaeeee3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_358d711a728daec9c0c85cf664"`);
    await queryRunner.query(`DROP TABLE "partners"`);
  }
}
