import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RepresentationAndExpiry1796553807103 implements MigrationInterface {
  name = 'RepresentationAndExpiry1796553807103';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "connection_responses" ADD "onBehalf" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD "candidateContactEmail" character varying(254)`,
    );
    await queryRunner.query(
      `CREATE INDEX "connections_open_by_created" ON "connections"  ("createdAt") WHERE "status" = 'proposed'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."connections_open_by_created"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "candidateContactEmail"`);
    await queryRunner.query(`ALTER TABLE "connection_responses" DROP COLUMN "onBehalf"`);
  }
}
