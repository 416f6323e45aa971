import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClusterEvents1796578982287 implements MigrationInterface {
  name = 'ClusterEvents1796578982287';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cluster_events" ("id" uuid NOT NULL, "name" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "origin" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_96d2bdd6f3b598eb3b317699f14" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "cluster_events_at" ON "cluster_events"  ("at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."cluster_events_at"`);
    await queryRunner.query(`DROP TABLE "cluster_events"`);
  }
}
