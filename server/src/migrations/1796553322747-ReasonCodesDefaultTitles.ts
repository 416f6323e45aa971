import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReasonCodesDefaultTitles1796553322747 implements MigrationInterface {
  name = 'ReasonCodesDefaultTitles1796553322747';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "connections" ADD "reasonCode" character varying(60)`);
    await queryRunner.query(`ALTER TABLE "connections" ADD "reasonParams" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "documents" ADD "titleIsDefault" boolean NOT NULL DEFAULT false`,
    );
    // Visions created so far all got the system's English title; nobody could rename them.
    await queryRunner.query(
      `UPDATE "documents" SET "titleIsDefault" = true WHERE "kind" = 'vision' AND "title" = 'Vision'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "titleIsDefault"`);
    await queryRunner.query(`ALTER TABLE "connections" DROP COLUMN "reasonParams"`);
    await queryRunner.query(`ALTER TABLE "connections" DROP COLUMN "reasonCode"`);
  }
}
