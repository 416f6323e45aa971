import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Decisions1795815605332 implements MigrationInterface {
  name = 'Decisions1795815605332';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "decision_policies" ("workspaceId" uuid NOT NULL, "stage" character varying(40) NOT NULL, "tier" character varying(10) NOT NULL, "policy" jsonb NOT NULL, "updatedBy" uuid, "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7afb9f9c72a5c038b5da9045b04" PRIMARY KEY ("workspaceId", "stage", "tier"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "status" character varying(20) NOT NULL, "tier" character varying(10) NOT NULL, "candidatePartnerId" uuid NOT NULL, "inlineCandidate" boolean NOT NULL DEFAULT false, "rationale" text NOT NULL, "principleFit" jsonb NOT NULL DEFAULT '[]', "stage" character varying(40) NOT NULL, "policy" jsonb NOT NULL, "electorate" jsonb NOT NULL, "consultationEndsAt" TIMESTAMP(3) WITH TIME ZONE, "closesAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "closedAt" TIMESTAMP(3) WITH TIME ZONE, "outcome" jsonb, "proposedBy" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db524c8db8e126a38a2f16d8cac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "proposals_open_by_deadline" ON "proposals"  ("closesAt") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "proposals_one_open_per_candidate" ON "proposals"  ("candidatePartnerId") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d7c6038efe9e23f061fb62f1b0" ON "proposals"  ("workspaceId", "createdAt", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_votes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposalId" uuid NOT NULL, "partnerId" uuid NOT NULL, "choice" character varying(10) NOT NULL, "reason" text, "castBy" uuid NOT NULL, "castAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2cfe4c72566f4895ee35bd244b4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_d1bf35c964a479337f20780425" ON "proposal_votes"  ("proposalId", "partnerId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_vote_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposalId" uuid NOT NULL, "partnerId" uuid NOT NULL, "choice" character varying(10) NOT NULL, "reason" text, "castBy" uuid NOT NULL, "castAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "supersededAt" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_b334c50e46c97da9f7da7555258" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_83dd7591bca2fbe68e15115545" ON "proposal_vote_history"  ("proposalId", "castAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_advice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposalId" uuid NOT NULL, "authorId" uuid NOT NULL, "partnerId" uuid, "text" text NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4d5d3ab179d31ae9870d5be6e76" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_217fb4a9b896d919dbf6e00a1e" ON "proposal_advice"  ("proposalId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "principles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspaceId" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "order" integer NOT NULL, "createdBy" uuid, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f6ffb163eac4b074b948a66b0d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2270a616943f7c301e421ab222" ON "principles"  ("workspaceId", "order", "id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_2270a616943f7c301e421ab222"`);
    await queryRunner.query(`DROP TABLE "principles"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_217fb4a9b896d919dbf6e00a1e"`);
    await queryRunner.query(`DROP TABLE "proposal_advice"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_83dd7591bca2fbe68e15115545"`);
    await queryRunner.query(`DROP TABLE "proposal_vote_history"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d1bf35c964a479337f20780425"`);
    await queryRunner.query(`DROP TABLE "proposal_votes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d7c6038efe9e23f061fb62f1b0"`);
    await queryRunner.query(`DROP INDEX "public"."proposals_one_open_per_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."proposals_open_by_deadline"`);
    await queryRunner.query(`DROP TABLE "proposals"`);
    await queryRunner.query(`DROP TABLE "decision_policies"`);
  }
}
