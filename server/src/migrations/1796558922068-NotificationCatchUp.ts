import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationCatchUp1796558922068 implements MigrationInterface {
  name = 'NotificationCatchUp1796558922068';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification_cursor" ("id" smallint NOT NULL, "seq" bigint NOT NULL DEFAULT '0', "seenSeq" bigint NOT NULL DEFAULT '0', "safeSeq" bigint NOT NULL DEFAULT '0', "markSeq" bigint NOT NULL DEFAULT '0', "markAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fa391081a4e382070b0c0056801" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "notification_derivations" ("seq" bigint NOT NULL, CONSTRAINT "PK_d4decf37e9e85a55e791b0f17f2" PRIMARY KEY ("seq"))`);
    // Hand-written: the one mark row, starting at the end of the log as it is. Existing events
    // were derived by the after-commit path already; re-deriving history would notify of
    // things long past (and of everything a user has since turned off or read).
    await queryRunner.query(
      `INSERT INTO "notification_cursor" ("id", "seq", "seenSeq", "safeSeq", "markSeq")
       SELECT 1, m, m, m, m FROM (SELECT coalesce(max("seq"), 0) AS m FROM "activity_events") AS l`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_derivations"`);
    await queryRunner.query(`DROP TABLE "notification_cursor"`);
  }
}
