import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NetworkVersionIndex1796567655999 implements MigrationInterface {
  name = 'NetworkVersionIndex1796567655999';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_629cf7e7464aec6243c7d0bfbb" ON "activity_events"  ("workspaceId", "type", "seq") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_629cf7e7464aec6243c7d0bfbb"`);
  }
}
