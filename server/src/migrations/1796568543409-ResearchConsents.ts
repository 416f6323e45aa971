import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ResearchConsents1796568543409 implements MigrationInterface {
  name = 'ResearchConsents1796568543409';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "research_consents" ("partnerId" uuid NOT NULL, "workspaceId" uuid NOT NULL, "mayBeNamed" boolean NOT NULL, "updatedBy" uuid, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_35e80f644a18a7c2202089a2da1" PRIMARY KEY ("partnerId"))`);
    await queryRunner.query(`CREATE INDEX "IDX_89ee2c60fb0dbc4352cf2c8a23" ON "research_consents"  ("workspaceId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_89ee2c60fb0dbc4352cf2c8a23"`);
    await queryRunner.query(`DROP TABLE "research_consents"`);
  }
}
