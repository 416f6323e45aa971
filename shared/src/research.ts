import { z } from 'zod';
import { PARTNER_KINDS, TIERS, ACTOR_TYPES, type PartnerKind, type Role } from './domain.js';
import { zInstant } from './schemas.js';
import { SURVEY_CODEBOOK_TABLES } from './research-survey.js';

/**
 * Research exports (issue 17): the network over time as tables (CSV) and as a dynamic GEXF graph
 * for Gephi, with a codebook both the server (`GET /api/research/codebook`) and the client page
 * read, so the documentation and the files cannot drift apart.
 */

/** `?from=&to=&pseudonymise=` on every research export. */
export const researchExportQuerySchema = z
  .object({
    /** Keep only nodes and edges whose interval overlaps [from, to]. */
    from: zInstant.optional(),
    /** Inclusive: a bare date (`2025-03-31`) means the end of that day (UTC). */
    to: z
      .string()
      .trim()
      .refine((v) => zInstant.safeParse(v).success, {
        message: 'must be an ISO date (YYYY-MM-DD) or date-time with a time zone',
        params: { rule: 'instant' },
      })
      .transform((v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T23:59:59.999Z` : zInstant.parse(v)))
      .optional(),
    pseudonymise: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.to) < Date.parse(q.from)) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'must not be before from',
        params: { rule: 'range_order' },
      });
    }
  });
export type ResearchExportQueryInput = z.input<typeof researchExportQuerySchema>;
export type ResearchExportQuery = z.output<typeof researchExportQuerySchema>;

/** `PUT …/research/consents/:pid`: may this partner be named in research exports? */
export const researchConsentSchema = z.object({ mayBeNamed: z.boolean() });
export type ResearchConsentInput = z.infer<typeof researchConsentSchema>;

/** A partner's setting as `GET …/research/consents` lists it (`explicit: false` = the default). */
export interface ResearchConsentDto {
  partnerId: string;
  partnerName: string;
  kind: PartnerKind;
  mayBeNamed: boolean;
  explicit: boolean;
  updatedAt: string | null;
}

/** A partner's consent: set by a coordinator or one of the partner's own representatives. */
export const canSetResearchConsent = (
  m: { role: Role; partnerId: string | null },
  partnerId: string,
): boolean => m.role === 'coordinator' || (m.role !== 'observer' && m.partnerId === partnerId);

/** Without an explicit setting: individuals are people (not named), organisations are. */
export const defaultMayBeNamed = (kind: PartnerKind): boolean => kind !== 'individual';

export const RESEARCH_EDGE_KINDS = ['connection', 'shared_experiment'] as const;
export type ResearchEdgeKind = (typeof RESEARCH_EDGE_KINDS)[number];

export const RESEARCH_NODE_COLUMNS = [
  'id',
  'label',
  'kind',
  'circle',
  'actorType',
  'pseudonymised',
  'joinedAt',
  'leftAt',
] as const;
export const RESEARCH_EDGE_COLUMNS = [
  'id',
  'source',
  'target',
  'kind',
  'label',
  'start',
  'end',
] as const;

export interface ResearchNodeRow {
  id: string;
  label: string;
  kind: PartnerKind;
  circle: (typeof TIERS)[number];
  actorType: (typeof ACTOR_TYPES)[number];
  pseudonymised: boolean;
  joinedAt: string | null;
  leftAt: string | null;
}
export interface ResearchEdgeRow {
  id: string;
  source: string;
  target: string;
  kind: ResearchEdgeKind;
  label: string;
  start: string;
  end: string | null;
}

/**
 * The tables of the research dataset, in the order of the codebook, the ZIP and the JSON.
 * Each is served as `tables/<name>.csv` and is a key of the JSON dataset's `tables`.
 */
export const RESEARCH_TABLES = [
  'nodes',
  'edges',
  'waves',
  'responses',
  'stage_ratings',
  'partner_scores',
  'network_scores',
  'stage_profiles',
  'follow_through',
  'broker_follow_through',
  'introductions',
] as const;
export type ResearchTable = (typeof RESEARCH_TABLES)[number];

/**
 * Types: `list` is values separated by `;` (in the JSON too, so both formats read the same);
 * an empty CSV cell (null in JSON) means "none" or "not shown".
 */
export const CODEBOOK_TYPES = [
  'string',
  'boolean',
  'datetime',
  'enum',
  'integer',
  'number',
  'list',
] as const;

/** One field of the codebook. */
export interface CodebookField {
  name: string;
  type: (typeof CODEBOOK_TYPES)[number];
  allowedValues?: readonly string[];
  meaning: { nl: string; en: string };
}
export interface CodebookTable {
  table: ResearchTable;
  /** Where the table is served (relative to `/api/workspaces/:wid/research/`). */
  file: string;
  /**
   * Rows about one partner's answers or one broker (a person): coordinators get them always,
   * observers only in a pseudonymised export (see canExportIndividualRows).
   */
  individual?: boolean;
  description: { nl: string; en: string };
  fields: CodebookField[];
}

/**
 * Individual survey answers and per-broker rows leave the workspace for coordinators, and for
 * observers (researchers) only pseudonymised: the issue's "individual answers are visible only
 * to coordinators and in pseudonymised exports". Everyone who may export gets the aggregates.
 */
export const canExportIndividualRows = (m: { role: Role }, pseudonymise: boolean): boolean =>
  m.role === 'coordinator' || (pseudonymise && m.role === 'observer');

/** The JSON research dataset (`GET …/research/dataset.json`); the ZIP holds the same tables. */
export interface ResearchDatasetDto {
  format: 'coalesce-research/1';
  exportedAt: string;
  from: string | null;
  to: string | null;
  pseudonymised: boolean;
  /** Individual tables left out (see canExportIndividualRows): ask for a pseudonymised export. */
  withheld: ResearchTable[];
  tables: Partial<Record<ResearchTable, Record<string, string | number | boolean | null>[]>>;
}

export const RESEARCH_CODEBOOK: readonly CodebookTable[] = [
  {
    table: 'nodes',
    file: 'tables/nodes.csv',
    description: {
      nl: 'Eén rij per partner die ooit actief was: wanneer hij toetrad en vertrok.',
      en: 'One row per partner that was ever active: when it joined and left.',
    },
    fields: [
      {
        name: 'id',
        type: 'string',
        meaning: {
          nl: 'Id van de partner; bij pseudonimisering een pseudoniem dat alleen binnen deze export stabiel is (P-…).',
          en: "The partner's id; when pseudonymised, a pseudonym stable within this export only (P-…).",
        },
      },
      {
        name: 'label',
        type: 'string',
        meaning: {
          nl: 'Naam van de partner, of het pseudoniem als de partner niet genoemd mag worden.',
          en: "The partner's name, or its pseudonym when it may not be named.",
        },
      },
      {
        name: 'kind',
        type: 'enum',
        allowedValues: PARTNER_KINDS,
        meaning: { nl: 'Organisatie of individu.', en: 'Organisation or individual.' },
      },
      {
        name: 'circle',
        type: 'enum',
        allowedValues: TIERS,
        meaning: {
          nl: 'Kring van de partner nu: kern of brede kring.',
          en: "The partner's circle today: core or broad.",
        },
      },
      {
        name: 'actorType',
        type: 'enum',
        allowedValues: ACTOR_TYPES,
        meaning: { nl: 'Soort actor (sector).', en: 'Type of actor (sector).' },
      },
      {
        name: 'pseudonymised',
        type: 'boolean',
        meaning: {
          nl: 'Waar als de naam van de partner in deze export vervangen is door een pseudoniem.',
          en: "True when the partner's name is replaced by a pseudonym in this export.",
        },
      },
      {
        name: 'joinedAt',
        type: 'datetime',
        meaning: {
          nl: 'Moment waarop de partner (eerst) actief werd, uit het activiteitenlogboek (ISO 8601, UTC).',
          en: 'When the partner (first) became active, from the activity log (ISO 8601, UTC).',
        },
      },
      {
        name: 'leftAt',
        type: 'datetime',
        meaning: {
          nl: 'Moment waarop de partner vertrok; leeg als hij nog actief is.',
          en: 'When the partner left; empty while it is still active.',
        },
      },
    ],
  },
  {
    table: 'edges',
    file: 'tables/edges.csv',
    description: {
      nl: 'Eén rij per band tussen twee partners, met begin en einde.',
      en: 'One row per tie between two partners, with its start and end.',
    },
    fields: [
      {
        name: 'id',
        type: 'string',
        meaning: {
          nl: 'Id van de band (c-… voor een verbinding, x-… voor een gedeeld experiment).',
          en: 'The tie’s id (c-… for a connection, x-… for a shared experiment).',
        },
      },
      {
        name: 'source',
        type: 'string',
        meaning: {
          nl: 'Id van de eerste partner (zoals in nodes.id).',
          en: 'Id of the first partner (as in nodes.id).',
        },
      },
      {
        name: 'target',
        type: 'string',
        meaning: {
          nl: 'Id van de tweede partner (zoals in nodes.id).',
          en: 'Id of the second partner (as in nodes.id).',
        },
      },
      {
        name: 'kind',
        type: 'enum',
        allowedValues: RESEARCH_EDGE_KINDS,
        meaning: {
          nl: 'connection: een door een makelaar voorgestelde en door beide kanten aanvaarde verbinding; shared_experiment: beide partners doen mee aan hetzelfde experiment.',
          en: 'connection: an introduction proposed by a broker and accepted by both sides; shared_experiment: both partners take part in the same experiment.',
        },
      },
      {
        name: 'label',
        type: 'string',
        meaning: {
          nl: 'Titel van het experiment (leeg voor verbindingen); bij pseudonimisering zijn namen en e-mailadressen erin vervangen door [redacted].',
          en: 'The experiment’s title (empty for connections); when pseudonymised, names and email addresses in it are replaced by [redacted].',
        },
      },
      {
        name: 'start',
        type: 'datetime',
        meaning: {
          nl: 'Begin van de band: aanvaarding van de verbinding, of het moment dat beide partners in het experiment zaten.',
          en: 'Start of the tie: the connection’s acceptance, or when both partners were in the experiment.',
        },
      },
      {
        name: 'end',
        type: 'datetime',
        meaning: {
          nl: 'Einde: een van beide partners vertrok, het experiment werd gestopt of verwijderd, of een partner werd eruit gehaald; leeg als de band nog bestaat.',
          en: 'End: either partner left, the experiment was stopped or deleted, or a partner was taken off it; empty while the tie still holds.',
        },
      },
    ],
  },
  ...SURVEY_CODEBOOK_TABLES,
];

/** The columns of a table, in the codebook's order (the CSV header and the JSON keys). */
export const researchColumns = (table: ResearchTable): string[] =>
  RESEARCH_CODEBOOK.find((t) => t.table === table)!.fields.map((f) => f.name);
