import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Delegation1796565767021 implements MigrationInterface {
  name = 'Delegation1796565767021';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "partner_delegations" ("partnerId" uuid NOT NULL, "workspaceId" uuid NOT NULL, "toPartnerId" uuid NOT NULL, "setBy" uuid NOT NULL, "setAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fba2f9aa727394f337d8d64806e" PRIMARY KEY ("partnerId"))`);
    await queryRunner.query(`CREATE INDEX "IDX_23196cfa36b4b006befb6e9b17" ON "partner_delegations"  ("workspaceId") `);
    await queryRunner.query(`ALTER TABLE "proposals" ADD "remindedAt" TIMESTAMP(3) WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "remindedAt"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_23196cfa36b4b006befb6e9b17"`);
    await queryRunner.query(`DROP TABLE "partner_delegations"`);
  }
}
