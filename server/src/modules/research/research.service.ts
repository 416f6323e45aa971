import { Injectable } from '@nestjs/common';
import {
  canExportIndividualRows,
  defaultMayBeNamed,
  RESEARCH_CODEBOOK,
  RESEARCH_TABLES,
  researchColumns,
  SURVEY_MIN_RATERS,
  type ResearchConsentInput,
  type ResearchConsentDto,
  type ResearchDatasetDto,
  type ResearchEdgeRow,
  type ResearchExportQuery,
  type ResearchNodeRow,
  type ResearchTable,
} from '@coalesce/shared';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import { clock } from '../../common/clock/clock';
import { forbidden } from '../../common/errors/domain-error';
import { ActivityService } from '../activity/activity.service';
import { ConnectionsService } from '../connections/connections.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { MembersService } from '../members/members.service';
import { ParticipationService } from '../participation/participation.service';
import { PartnersService } from '../partners/partners.service';
import { SurveysService } from '../surveys/surveys.service';
import {
  CODEBOOK_CSV_COLUMNS,
  codebookRecords,
  datasetReadme,
  followThroughRows,
  surveyRows,
  type Row,
} from './research.dataset.util';
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
export const INDIVIDUAL_DENIED =
  'Individual answers and per-broker rows leave the workspace for observers only pseudonymised (pseudonymise=true)';

/** The dataset with its network tables typed (the GEXF is drawn from them). */
export interface Dataset {
  dto: ResearchDatasetDto;
  network: { nodes: ResearchNodeRow[]; edges: ResearchEdgeRow[] };
}
const CONSENT_DENIED = "Only coordinators and the partner's representatives can change this";

/**
 * Research exports: the network over time (nodes and edges with their intervals) as CSV tables
 * and as dynamic GEXF; the survey and follow-through tables asked of their modules; the whole
 * dataset as JSON or ZIP; optionally pseudonymised; and the partners' consent to be named.
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
    // The survey and follow-through tables: asked of their owners, never read from their tables.
    private readonly surveys: SurveysService,
    private readonly participation: ParticipationService,
  ) {}

  /** The network tables alone (one pseudonym key per call). */
  async tables(
    me: Membership,
    q: ResearchExportQuery,
  ): Promise<{ nodes: ResearchNodeRow[]; edges: ResearchEdgeRow[] }> {
    if (!canExport(me)) throw forbidden(EXPORT_DENIED);
    const ps = q.pseudonymise ? await this.pseudonymisation(me.workspaceId) : undefined;
    return this.network(me.workspaceId, q, ps);
  }

  /**
   * Every table of the research dataset under ONE pseudonym key, so the tables join on their
   * ids. Individual tables are left out (and named in `withheld`) unless the caller may have
   * them: coordinators always, observers only pseudonymised.
   */
  async dataset(me: Membership, q: ResearchExportQuery): Promise<Dataset> {
    if (!canExport(me)) throw forbidden(EXPORT_DENIED);
    const workspaceId = me.workspaceId;
    const ps = q.pseudonymise ? await this.pseudonymisation(workspaceId) : undefined;
    const from = q.from ? Date.parse(q.from) : undefined;
    const to = q.to ? Date.parse(q.to) : undefined;
    const [network, waves, follow] = await Promise.all([
      this.network(workspaceId, q, ps),
      this.surveys.researchData(workspaceId),
      this.participation.brokers(workspaceId, { from, to }),
    ]);
    const opts = { from, to, pseudonymise: ps };
    const all: Record<ResearchTable, Row[]> = {
      nodes: network.nodes as unknown as Row[],
      edges: network.edges as unknown as Row[],
      ...surveyRows(waves, opts),
      ...followThroughRows(follow, opts),
    };
    const individual = canExportIndividualRows(me, q.pseudonymise);
    const withheld = RESEARCH_CODEBOOK.filter((t) => t.individual && !individual).map(
      (t) => t.table,
    );
    const tables: ResearchDatasetDto['tables'] = {};
    for (const t of RESEARCH_TABLES) if (!withheld.includes(t)) tables[t] = all[t];
    return {
      dto: {
        format: 'coalesce-research/1',
        exportedAt: clock.now().toISOString(),
        from: q.from ?? null,
        to: q.to ?? null,
        pseudonymised: q.pseudonymise,
        withheld,
        tables,
      },
      network,
    };
  }

  /** One table of the dataset: 403 for an individual table the caller may not have. */
  async table(me: Membership, table: ResearchTable, q: ResearchExportQuery): Promise<Row[]> {
    if (!canExport(me)) throw forbidden(EXPORT_DENIED);
    const entry = RESEARCH_CODEBOOK.find((t) => t.table === table)!;
    if (entry.individual && !canExportIndividualRows(me, q.pseudonymise)) {
      throw forbidden(INDIVIDUAL_DENIED);
    }
    if (table === 'nodes' || table === 'edges') {
      return (await this.tables(me, q))[table] as unknown as Row[];
    }
    return (await this.dataset(me, q)).dto.tables[table]!;
  }

  csv(table: ResearchTable, rows: readonly Row[]): string {
    return stringify(rows as Row[], {
      header: true,
      columns: researchColumns(table),
      cast: CAST,
    });
  }

  /** A ZIP a researcher opens as it is: every table as CSV, codebook.csv, network.gexf, README. */
  zip(d: Dataset, q: ResearchExportQuery): Uint8Array {
    const dir = `coalesce-research-${d.dto.exportedAt.slice(0, 10)}`;
    const files: Record<string, Uint8Array> = {};
    const listed: { file: string; nl: string; en: string }[] = [];
    for (const t of RESEARCH_CODEBOOK) {
      const rows = d.dto.tables[t.table];
      if (!rows) continue;
      files[`${dir}/${t.table}.csv`] = strToU8(this.csv(t.table, rows));
      listed.push({ file: `${t.table}.csv`, ...t.description });
    }
    files[`${dir}/codebook.csv`] = strToU8(
      stringify(codebookRecords(RESEARCH_CODEBOOK), {
        header: true,
        columns: [...CODEBOOK_CSV_COLUMNS],
        cast: CAST,
      }),
    );
    files[`${dir}/network.gexf`] = strToU8(this.gexf(d.network, q));
    files[`${dir}/README.txt`] = strToU8(
      datasetReadme(
        {
          exportedAt: d.dto.exportedAt,
          from: d.dto.from,
          to: d.dto.to,
          pseudonymised: d.dto.pseudonymised,
          withheld: d.dto.withheld,
          files: listed,
        },
        SURVEY_MIN_RATERS,
      ),
    );
    return zipSync(files, { level: 6, mtime: clock.now() });
  }

  private async network(
    workspaceId: string,
    q: ResearchExportQuery,
    ps: Pseudonymisation | undefined,
  ): Promise<{ nodes: ResearchNodeRow[]; edges: ResearchEdgeRow[] }> {
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
      pseudonymise: ps,
    });
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
  private async pseudonymisation(workspaceId: string): Promise<Pseudonymisation> {
    const [partners, consents] = await Promise.all([
      this.partners.listForNetwork(workspaceId),
      this.consents(workspaceId),
    ]);
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
