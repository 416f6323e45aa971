import { Injectable } from '@nestjs/common';
import {
  defaultMayBeNamed,
  type ResearchConsentInput,
  RESEARCH_EDGE_COLUMNS,
  RESEARCH_NODE_COLUMNS,
  type ResearchConsentDto,
  type ResearchEdgeRow,
  type ResearchExportQuery,
  type ResearchNodeRow,
} from '@coalesce/shared';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import { clock } from '../../common/clock/clock';
import { forbidden } from '../../common/errors/domain-error';
import { ActivityService } from '../activity/activity.service';
import { ConnectionsService } from '../connections/connections.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { MembersService } from '../members/members.service';
import { PartnersService } from '../partners/partners.service';
import { toGexf } from './research.gexf.util';
import { canExport, canSetResearchConsent } from './research.policy';
import { ResearchRepository } from './research.repository';
import {
  buildTables,
  newPseudonymKey,
  RESEARCH_EVENT_TYPES,
  RESEARCH_PAYLOAD_KEYS,
  tableRows,
  type Pseudonymisation,
  type TableEvent,
} from './research.tables.util';

const EXPORT_DENIED = 'Only coordinators and observers can export';
const CONSENT_DENIED = "Only coordinators and the partner's representatives can change this";

/**
 * Research exports: the network over time (nodes and edges with their intervals) as CSV tables
 * and as dynamic GEXF, optionally pseudonymised; and the partners' consent to be named.
 */
@Injectable()
export class ResearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ResearchRepository,
    private readonly activity: ActivityService,
    private readonly partners: PartnersService,
    private readonly members: MembersService,
    // The edges' sources: their events carry the history; the services today's state.
    private readonly connections: ConnectionsService,
    private readonly experiments: ExperimentsService,
  ) {}

  async tables(
    me: Membership,
    q: ResearchExportQuery,
  ): Promise<{ nodes: ResearchNodeRow[]; edges: ResearchEdgeRow[] }> {
    if (!canExport(me)) throw forbidden(EXPORT_DENIED);
    const workspaceId = me.workspaceId;
    const [partners, events, experiments, accepted] = await Promise.all([
      this.partners.listForNetwork(workspaceId),
      this.activity.replay(workspaceId, {
        types: RESEARCH_EVENT_TYPES,
        payloadKeys: RESEARCH_PAYLOAD_KEYS,
      }) as Promise<TableEvent[]>,
      this.experiments.listForNetwork(workspaceId),
      this.connections.pairs(workspaceId, { acceptedOnly: true }),
    ]);
    const raw = buildTables(partners, events);
    // A connection edge needs its row to be accepted today (the log and the table agree unless
    // data was repaired by hand; the table then wins).
    const pairs = new Set(accepted.map((c) => `${c.fromPartnerId}|${c.toPartnerId}`));
    raw.edges = raw.edges.filter(
      (e) => e.kind !== 'connection' || pairs.has(`${e.source}|${e.target}`),
    );
    // Edge labels: an experiment's title as it is today (a deleted one keeps its last title).
    const titles = new Map(experiments.map((x) => [x.id, x.title]));
    for (const e of raw.edges) {
      const expId = e.kind === 'shared_experiment' ? e.id.slice(2, 38) : null;
      if (expId && titles.has(expId)) e.label = titles.get(expId)!;
    }
    return tableRows(raw, {
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      pseudonymise: q.pseudonymise ? await this.pseudonymisation(workspaceId, partners) : undefined,
    });
  }

  nodesCsv(rows: ResearchNodeRow[]): string {
    return stringify(rows, { header: true, columns: [...RESEARCH_NODE_COLUMNS], cast: CAST });
  }

  edgesCsv(rows: ResearchEdgeRow[]): string {
    return stringify(rows, { header: true, columns: [...RESEARCH_EDGE_COLUMNS], cast: CAST });
  }

  gexf(rows: { nodes: ResearchNodeRow[]; edges: ResearchEdgeRow[] }, q: ResearchExportQuery) {
    const range = q.from || q.to ? ` (${q.from ?? '…'} – ${q.to ?? '…'})` : '';
    return toGexf(rows, {
      description: `Coalesce network over time${range}${q.pseudonymise ? ', pseudonymised' : ''}`,
      now: clock.now(),
    });
  }

  /** Every partner that was ever active or is a candidate, with its setting (or the default). */
  async consents(workspaceId: string): Promise<ResearchConsentDto[]> {
    const [partners, rows] = await Promise.all([
      this.partners.listForNetwork(workspaceId),
      this.repository.consents(workspaceId),
    ]);
    const byPartner = new Map(rows.map((r) => [r.partnerId, r]));
    return partners.map((p) => {
      const row = byPartner.get(p.id);
      return {
        partnerId: p.id,
        partnerName: p.name,
        kind: p.kind,
        mayBeNamed: row ? row.mayBeNamed : defaultMayBeNamed(p.kind),
        explicit: !!row,
        updatedAt: row ? row.updatedAt.toISOString() : null,
      };
    });
  }

  /** Coordinators, or a representative of the partner itself: 404 for a foreign partner, then 403. */
  async authorizeConsent(me: Membership, partnerId: string) {
    const partner = await this.partners.getInWorkspace(me.workspaceId, partnerId);
    if (!canSetResearchConsent(me, partnerId)) throw forbidden(CONSENT_DENIED);
    return partner;
  }

  async setConsent(
    me: Membership,
    partnerId: string,
    { mayBeNamed }: ResearchConsentInput,
  ): Promise<ResearchConsentDto> {
    const partner = await this.authorizeConsent(me, partnerId);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.repository.consent(manager, me.workspaceId, partnerId);
      const before = current ? current.mayBeNamed : defaultMayBeNamed(partner.kind);
      await this.repository.upsert(manager, {
        partnerId,
        workspaceId: me.workspaceId,
        mayBeNamed,
        updatedBy: me.userId,
        updatedAt: clock.now(),
      });
      if (current && before === mayBeNamed) return;
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'partner.research_consent_changed',
        actorId: me.userId,
        subjectType: 'partner',
        subjectId: partnerId,
        partnerIds: [partnerId],
        payload: { partnerId, partnerName: partner.name, from: before, to: mayBeNamed },
      });
    });
    return (await this.consents(me.workspaceId)).find((c) => c.partnerId === partnerId)!;
  }

  /** A fresh key; who may be named; the names and emails free texts must not show. */
  private async pseudonymisation(
    workspaceId: string,
    partners: { id: string; name: string }[],
  ): Promise<Pseudonymisation> {
    const consents = await this.consents(workspaceId);
    const named = new Set(consents.filter((c) => c.mayBeNamed).map((c) => c.partnerId));
    const sensitive: string[] = partners.filter((p) => !named.has(p.id)).map((p) => p.name);
    let cursor: string | undefined;
    do {
      const page = await this.members.list(workspaceId, { limit: 200, cursor });
      for (const m of page.items) sensitive.push(m.displayName, m.email ?? '');
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { key: newPseudonymKey(), named, sensitive };
  }
}

const CAST = { boolean: (v: boolean) => (v ? 'true' : 'false') };
