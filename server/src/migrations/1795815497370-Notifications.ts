import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795815497370 implements MigrationInterface {
  name = 'Notifications1795815497370';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("userId" uuid NOT NULL, "inApp" jsonb NOT NULL DEFAULT '{}', "email" jsonb NOT NULL DEFAULT '{}', "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b70c44e8b00757584a393225593" PRIMARY KEY ("userId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "userId" uuid NOT NULL, "workspaceId" uuid NOT NULL, "kind" character varying(40) NOT NULL, "subjectType" character varying(50) NOT NULL, "subjectId" uuid, "eventId" uuid, "payload" jsonb NOT NULL DEFAULT '{}', "inApp" boolean NOT NULL DEFAULT true, "readAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "emailStatus" character varying(10), "emailAttempts" integer NOT NULL DEFAULT '0', "emailNextAt" TIMESTAMP WITH TIME ZONE, "emailedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_email_due" ON "notifications"  ("emailNextAt") WHERE "emailStatus" IN ('pending', 'sending')`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_unread" ON "notifications"  ("userId") WHERE "readAt" IS NULL AND "inApp"`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_created" ON "notifications"  ("userId", "createdAt", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notifications_user_event_kind" ON "notifications"  ("userId", "eventId", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "vote_reminders" ("proposalId" uuid NOT NULL, "partnerId" uuid NOT NULL, "workspaceId" uuid NOT NULL, "sentAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e3ad04f85501cd7a42222af4893" PRIMARY KEY ("proposalId", "partnerId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f29ab0e87ad24116c452c85260" ON "activity_events"  ("workspaceId", "subjectId") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_f29ab0e87ad24116c452c85260"`);
    await queryRunner.query(`DROP TABLE "vote_reminders"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_event_kind"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_unread"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_email_due"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
  }
}
