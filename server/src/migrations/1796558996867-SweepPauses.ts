import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SweepPauses1796558996867 implements MigrationInterface {
  name = 'SweepPauses1796558996867';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sweep_pauses" ("workspaceId" uuid NOT NULL, "until" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f23abf2d31408008de35b530f80" PRIMARY KEY ("workspaceId"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sweep_pauses"`);
  }
}
