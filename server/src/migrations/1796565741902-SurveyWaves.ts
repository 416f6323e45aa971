import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SurveyWaves1796565741902 implements MigrationInterface {
  name = 'SurveyWaves1796565741902';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "survey_waves" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "title" character varying(200) NOT NULL, "opensAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "closesAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "openedAt" TIMESTAMP(3) WITH TIME ZONE, "remindedAt" TIMESTAMP(3) WITH TIME ZONE, "closedAt" TIMESTAMP(3) WITH TIME ZONE, "roster" jsonb NOT NULL DEFAULT '[]', "declaredStage" character varying(40), "createdBy" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fe8d580aa6fdda6700f27b24f9d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "survey_waves_unclosed" ON "survey_waves"  ("closesAt") WHERE "closedAt" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7d1b93c961b99e677a3c624b05" ON "survey_waves"  ("workspaceId", "opensAt", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "waveId" uuid NOT NULL, "partnerId" uuid NOT NULL, "ties" jsonb NOT NULL, "stage" jsonb NOT NULL, "submittedBy" uuid NOT NULL, "submittedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_349995c51959d139d8e485a58ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "survey_responses_partner" ON "survey_responses"  ("waveId", "partnerId") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."survey_responses_partner"`);
    await queryRunner.query(`DROP TABLE "survey_responses"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7d1b93c961b99e677a3c624b05"`);
    await queryRunner.query(`DROP INDEX "public"."survey_waves_unclosed"`);
    await queryRunner.query(`DROP TABLE "survey_waves"`);
  }
}
