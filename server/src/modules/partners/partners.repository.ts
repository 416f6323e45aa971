import type { EntityManager } from 'typeorm';
import type { PartnerEntity } from './partners.entity';

/** A row of `partner_delegations`. */
export interface DelegationRow {
  partnerId: string;
  toPartnerId: string;
  setBy: string;
  setAt: Date;
}

/** The raw SQL of the partners module (tables `partners`, `partner_delegations`). */
export const partnersRepository = {
  /**
   * One partner row by id in a workspace. Plain SQL (the vote path reads the candidate on every
   * vote): the row's columns parse to the entity's types (timestamptz → Date, jsonb → object).
   */
  async findOne(
    manager: EntityManager,
    workspaceId: string,
    partnerId: string,
  ): Promise<PartnerEntity | undefined> {
    const [p] = (await manager.query(
      `SELECT * FROM partners WHERE id = $1 AND "workspaceId" = $2`,
      [partnerId, workspaceId],
    )) as PartnerEntity[];
    return p;
  },

  /** The lean rows the network view reads, in no particular order (no entity hydration). */
  listForNetwork<T>(
    manager: EntityManager,
    workspaceId: string,
    activeOnly: boolean,
  ): Promise<T[]> {
    return manager.query(
      `SELECT "id", "name", "kind", "tier", "actorType", "status", "joinedAt", "leftAt", "contributions"
         FROM "partners"
        WHERE "workspaceId" = $1 ${activeOnly ? `AND "status" = 'active'` : ''}`,
      [workspaceId],
    );
  },

  /** The standing delegations of these partners (all of the workspace when `partnerIds` is null). */
  async delegations(
    manager: EntityManager,
    workspaceId: string,
    partnerIds: readonly string[] | null,
  ): Promise<DelegationRow[]> {
    if (partnerIds && !partnerIds.length) return [];
    const rows = (await manager.query(
      `SELECT "partnerId", "toPartnerId", "setBy", "setAt" FROM partner_delegations
        WHERE "workspaceId" = $1 ${partnerIds ? 'AND "partnerId" = ANY($2)' : ''}`,
      partnerIds ? [workspaceId, [...new Set(partnerIds)]] : [workspaceId],
    )) as DelegationRow[];
    return rows.map((r) => ({ ...r, setAt: new Date(r.setAt) }));
  },

  /** Sets (or replaces) the partner's delegation. */
  async upsertDelegation(
    manager: EntityManager,
    workspaceId: string,
    row: DelegationRow,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO partner_delegations ("partnerId", "workspaceId", "toPartnerId", "setBy", "setAt")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("partnerId") DO UPDATE
       SET "toPartnerId" = EXCLUDED."toPartnerId", "setBy" = EXCLUDED."setBy", "setAt" = EXCLUDED."setAt"`,
      [row.partnerId, workspaceId, row.toPartnerId, row.setBy, row.setAt],
    );
  },

  /** Removes the partner's delegation; answers the removed delegate (null: there was none). */
  async deleteDelegation(
    manager: EntityManager,
    workspaceId: string,
    partnerId: string,
  ): Promise<string | null> {
    // Wrapped in a SELECT so every driver answers plain rows (a bare DELETE answers [rows, n]).
    const rows = (await manager.query(
      `WITH d AS (DELETE FROM partner_delegations WHERE "partnerId" = $1 AND "workspaceId" = $2
                  RETURNING "toPartnerId")
       SELECT "toPartnerId" FROM d`,
      [partnerId, workspaceId],
    )) as { toPartnerId: string }[];
    return rows[0]?.toPartnerId ?? null;
  },
};
