import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InvitationEmails1796577879399 implements MigrationInterface {
  name = 'InvitationEmails1796577879399';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "invitation_emails" ("invitationId" uuid NOT NULL, "workspaceId" uuid NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "nextAt" TIMESTAMP WITH TIME ZONE DEFAULT now(), "sentAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f0b0056b22734af5683df3116f7" PRIMARY KEY ("invitationId"))`);
    await queryRunner.query(`CREATE INDEX "invitation_emails_due" ON "invitation_emails"  ("nextAt") WHERE "status" IN ('pending', 'sending')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."invitation_emails_due"`);
    await queryRunner.query(`DROP TABLE "invitation_emails"`);
  }
}
