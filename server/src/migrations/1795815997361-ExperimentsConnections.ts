import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExperimentsConnections1795815997361 implements MigrationInterface {
  name = 'ExperimentsConnections1795815997361';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "connections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "fromPartnerId" uuid NOT NULL, "toPartnerId" uuid NOT NULL, "reason" text NOT NULL, "status" character varying(20) NOT NULL, "proposedBy" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "closedAt" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_0a1f844af3122354cbd487a8d03" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_275027edeb6d327e5eaa8257e0" ON "connections"  ("workspaceId", "createdAt", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "connection_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "connectionId" uuid NOT NULL, "partnerId" uuid NOT NULL, "accept" boolean NOT NULL, "note" text, "respondedBy" uuid NOT NULL, "respondedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df98b1576a8a6abbcc3e76fa333" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "connection_responses_side" ON "connection_responses"  ("connectionId", "partnerId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "experiments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "title" character varying(200) NOT NULL, "hypothesis" text NOT NULL DEFAULT '', "description" text NOT NULL DEFAULT '', "status" character varying(20) NOT NULL, "leadPartnerId" uuid, "partnerIds" uuid array NOT NULL DEFAULT '{}', "targetGroups" character varying(200) array NOT NULL DEFAULT '{}', "barriers" character varying(20) array NOT NULL DEFAULT '{}', "principleIds" uuid array NOT NULL DEFAULT '{}', "neededExpertise" character varying(200) array NOT NULL DEFAULT '{}', "startDate" date, "endDate" date, "createdBy" uuid, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "statusChangedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aafe1321d916fac58ba06ad8178" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_85c6f6c0d33c6b1217df146dfa" ON "experiments"  ("workspaceId", "createdAt", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "experiment_learnings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "experimentId" uuid NOT NULL, "text" text NOT NULL, "evidenceUrl" character varying(2000), "authorId" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bfe432468b3b32bb104e3a5ea0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d459b2e476d6178feda28e21ba" ON "experiment_learnings"  ("experimentId", "createdAt") `,
    );
    // By hand (TypeORM cannot describe them; the entities declare them with synchronize: false):
    // one open or accepted connection per unordered pair, and `?partnerId=` on experiments.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "connections_open_pair" ON "connections" ("workspaceId", LEAST("fromPartnerId", "toPartnerId"), GREATEST("fromPartnerId", "toPartnerId")) WHERE "status" IN ('proposed', 'accepted')`,
    );
    await queryRunner.query(
      `CREATE INDEX "experiments_partner_ids" ON "experiments" USING GIN ("partnerIds")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."experiments_partner_ids"`);
    await queryRunner.query(`DROP INDEX "public"."connections_open_pair"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d459b2e476d6178feda28e21ba"`);
    await queryRunner.query(`DROP TABLE "experiment_learnings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_85c6f6c0d33c6b1217df146dfa"`);
    await queryRunner.query(`DROP TABLE "experiments"`);
    await queryRunner.query(`DROP INDEX "public"."connection_responses_side"`);
    await queryRunner.query(`DROP TABLE "connection_responses"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_275027edeb6d327e5eaa8257e0"`);
    await queryRunner.query(`DROP TABLE "connections"`);
  }
}
