import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Threads1796565479550 implements MigrationInterface {
  name = 'Threads1796565479550';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "threads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "subjectType" character varying(20) NOT NULL, "subjectId" uuid NOT NULL, "anchor" jsonb, "resolved" boolean NOT NULL DEFAULT false, "resolvedBy" uuid, "resolvedAt" TIMESTAMP(3) WITH TIME ZONE, "createdBy" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d8a74804c34fc3900502cd27275" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a05d38f339bc2446e0576ff0f3" ON "threads"  ("workspaceId", "createdAt", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e8be939c5ad1915533c26381d5" ON "threads"  ("workspaceId", "subjectType", "subjectId") `);
    await queryRunner.query(`CREATE TABLE "thread_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "threadId" uuid NOT NULL, "authorId" uuid NOT NULL, "text" text NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "editedAt" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_8dbae3cad3845ed85bf8cd80477" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8f078de9b0f07782ff381f89a8" ON "thread_comments"  ("threadId", "createdAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_8f078de9b0f07782ff381f89a8"`);
    await queryRunner.query(`DROP TABLE "thread_comments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e8be939c5ad1915533c26381d5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a05d38f339bc2446e0576ff0f3"`);
    await queryRunner.query(`DROP TABLE "threads"`);
  }
}
