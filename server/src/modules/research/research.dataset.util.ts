/**
 * The survey and follow-through tables of the research dataset, pure: the surveys and
 * participation services answer what happened; this filters it to the chosen period, flattens
 * it into the codebook's rows and pseudonymises it with the same key as the network tables.
 *
 *   waves           opened waves whose span [opensAt, closedAt ?? closesAt] overlaps the period
 *   responses,      the answers to those waves (one row per rater × rated partner, and per
 *   stage_ratings   rater × stage statement)
 *   *_scores,       the aggregates of those waves (null below the minimum number of raters,
 *   stage_profiles  as the surveys module computed them)
 *   introductions   accepted in the period; their follow-through counts whenever it happened
 */
import {
  STAGES,
  STAGE_STATEMENTS,
  type BrokerFollowThroughDto,
  type CodebookTable,
  type FollowThroughTally,
  type ResearchTable,
  type Stage,
  type SurveyNetworkScores,
  type SurveyScoresDto,
  type SurveyStatus,
  type SurveyTie,
} from '@coalesce/shared';
import { overlaps, pseudonymOf, redact, type Pseudonymisation } from './research.tables.util';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** One opened wave with its answers and scores, as the surveys service gives it. */
export interface WaveData {
  id: string;
  title: string;
  status: SurveyStatus;
  opensAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  declaredStage: Stage;
  roster: { partnerId: string; name: string }[];
  responses: {
    partnerId: string;
    ties: readonly SurveyTie[];
    stage: Readonly<Record<string, number>>;
    submittedAt: Date;
  }[];
  scores: Pick<SurveyScoresDto, 'network' | 'partners' | 'stageProfile' | 'previous'>;
}

export interface DatasetOptions {
  from?: number;
  to?: number;
  pseudonymise?: Pseudonymisation;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const mean3 = (a: number, b: number, c: number) => Math.round(((a + b + c) / 3) * 1000) / 1000;
const share = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

/** Ids of partners (and people) as the export shows them: pseudonyms when pseudonymising. */
export function idMapper(ps: Pseudonymisation | undefined) {
  return {
    id: (id: string) => (ps ? pseudonymOf(ps.key, id) : id),
    label: (id: string, name: string) => (ps && !ps.named.has(id) ? pseudonymOf(ps.key, id) : name),
    person: (id: string, name: string | null) => (ps ? pseudonymOf(ps.key, id) : (name ?? '')),
    text: (s: string) => (ps ? redact(s, ps.sensitive) : s),
    /** A connection's edge id, as research.tables.util writes it in edges.id. */
    connection: (connectionId: string) =>
      ps ? `c-${pseudonymOf(ps.key, `c-${connectionId}`).slice(2)}` : `c-${connectionId}`,
  };
}

export function surveyRows(
  waves: readonly WaveData[],
  opts: DatasetOptions,
): Pick<
  Record<ResearchTable, Row[]>,
  'waves' | 'responses' | 'stage_ratings' | 'partner_scores' | 'network_scores' | 'stage_profiles'
> {
  const m = idMapper(opts.pseudonymise);
  const kept = [...waves]
    .filter((w) =>
      overlaps(
        { start: w.opensAt.getTime(), end: (w.closedAt ?? w.closesAt).getTime() },
        opts.from,
        opts.to,
      ),
    )
    .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime() || a.id.localeCompare(b.id));
  const out = {
    waves: [] as Row[],
    responses: [] as Row[],
    stage_ratings: [] as Row[],
    partner_scores: [] as Row[],
    network_scores: [] as Row[],
    stage_profiles: [] as Row[],
  };
  for (const w of kept) {
    out.waves.push({
      id: w.id,
      title: m.text(w.title),
      status: w.status,
      opensAt: iso(w.opensAt),
      closesAt: iso(w.closesAt),
      closedAt: iso(w.closedAt),
      declaredStage: w.declaredStage,
      rosterSize: w.roster.length,
      respondents: w.scores.network.respondents,
    });
    const responses = [...w.responses].sort(
      (a, b) => a.submittedAt.getTime() - b.submittedAt.getTime(),
    );
    for (const r of responses) {
      for (const t of r.ties) {
        const works = t.worksWith;
        out.responses.push({
          waveId: w.id,
          rater: m.id(r.partnerId),
          rated: m.id(t.partnerId),
          worksWith: works,
          level: works ? (t.level ?? null) : null,
          reliability: works ? (t.trust?.reliability ?? null) : null,
          missionSupport: works ? (t.trust?.missionSupport ?? null) : null,
          openness: works ? (t.trust?.openness ?? null) : null,
          influence: works ? (t.value?.influence ?? null) : null,
          involvement: works ? (t.value?.involvement ?? null) : null,
          resourceContribution: works ? (t.value?.resourceContribution ?? null) : null,
          trust:
            works && t.trust
              ? mean3(t.trust.reliability, t.trust.missionSupport, t.trust.openness)
              : null,
          value:
            works && t.value
              ? mean3(t.value.influence, t.value.involvement, t.value.resourceContribution)
              : null,
          contributions: works && t.contributions?.length ? t.contributions.join(';') : null,
          submittedAt: iso(r.submittedAt),
        });
      }
      for (const stage of STAGES) {
        for (const statement of STAGE_STATEMENTS[stage]) {
          const rating = r.stage[statement];
          if (typeof rating !== 'number') continue;
          out.stage_ratings.push({
            waveId: w.id,
            rater: m.id(r.partnerId),
            stage,
            statement,
            rating,
          });
        }
      }
    }
    for (const p of w.scores.partners) {
      out.partner_scores.push({
        waveId: w.id,
        partner: m.id(p.partnerId),
        label: m.label(p.partnerId, p.name),
        trust: p.trust.value,
        trustRaters: p.trust.raters,
        value: p.value.value,
        valueRaters: p.value.raters,
      });
    }
    const n: SurveyNetworkScores = w.scores.network;
    const change = w.scores.previous?.change;
    out.network_scores.push({
      waveId: w.id,
      respondents: n.respondents,
      rosterSize: n.rosterSize,
      density: n.density,
      reciprocity: n.reciprocity,
      trust: n.trust,
      value: n.value,
      previousWaveId: w.scores.previous?.waveId ?? null,
      densityChange: change?.density ?? null,
      reciprocityChange: change?.reciprocity ?? null,
      trustChange: change?.trust ?? null,
      valueChange: change?.value ?? null,
    });
    for (const stage of STAGES) {
      const s = w.scores.stageProfile.byStage[stage];
      out.stage_profiles.push({
        waveId: w.id,
        declaredStage: w.declaredStage,
        stage,
        score: s.value,
        raters: s.raters,
        strongest: w.scores.stageProfile.strongest === stage,
      });
    }
  }
  return out;
}

const tallyRow = (t: FollowThroughTally): Row => ({
  introductions: t.introductions,
  withinWindow: t.within90Days,
  ever: t.ever,
  shareWithinWindow: share(t.shareWithin90Days),
  shareEver: share(t.shareEver),
});

/** Broker follow-through (already limited to the period by the participation service). */
export function followThroughRows(
  f: BrokerFollowThroughDto,
  opts: DatasetOptions,
): Pick<
  Record<ResearchTable, Row[]>,
  'follow_through' | 'broker_follow_through' | 'introductions'
> {
  const m = idMapper(opts.pseudonymise);
  const windowMs = f.windowDays * 24 * 3600 * 1000;
  return {
    follow_through: [{ windowDays: f.windowDays, ...tallyRow(f.overall) }],
    broker_follow_through: f.brokers.map((b) => ({
      broker: m.id(b.brokerId),
      brokerLabel: m.person(b.brokerId, b.brokerName),
      windowDays: f.windowDays,
      ...tallyRow(b),
    })),
    introductions: f.introductions.map((i) => ({
      edgeId: m.connection(i.connectionId),
      broker: m.id(i.brokerId),
      source: m.id(i.fromPartnerId),
      target: m.id(i.toPartnerId),
      acceptedAt: i.acceptedAt,
      firstCollaborationAt: i.firstCollaborationAt,
      firstCollaborationKind: i.firstCollaborationKind,
      withinWindow:
        i.firstCollaborationAt !== null &&
        Date.parse(i.firstCollaborationAt) - Date.parse(i.acceptedAt) <= windowMs,
    })),
  };
}

/** The codebook as one CSV table (one row per field), for the dataset's ZIP. */
export function codebookRecords(codebook: readonly CodebookTable[]): Row[] {
  return codebook.flatMap((t) =>
    t.fields.map((f) => ({
      table: t.table,
      file: `${t.table}.csv`,
      field: f.name,
      type: f.type,
      allowedValues: f.allowedValues?.join(';') ?? null,
      individual: !!t.individual,
      meaning_nl: f.meaning.nl,
      meaning_en: f.meaning.en,
    })),
  );
}
export const CODEBOOK_CSV_COLUMNS = [
  'table',
  'file',
  'field',
  'type',
  'allowedValues',
  'individual',
  'meaning_nl',
  'meaning_en',
] as const;

/** The README of the dataset's ZIP: what it holds, how it was cut, what was left out (nl, en). */
export function datasetReadme(
  d: {
    exportedAt: string;
    from: string | null;
    to: string | null;
    pseudonymised: boolean;
    withheld: readonly string[];
    files: readonly { file: string; nl: string; en: string }[];
  },
  minRaters: number,
): string {
  const range = `${d.from ?? '…'} – ${d.to ?? '…'}`;
  const whole = !d.from && !d.to;
  const en = [
    'Coalesce research dataset',
    '=========================',
    `Exported: ${d.exportedAt}`,
    whole
      ? 'Period: the whole history.'
      : `Period: ${range} (rows whose interval overlaps it; introductions accepted in it)`,
    d.pseudonymised
      ? 'Pseudonymised: yes. People, and partners that did not consent to be named, appear as pseudonyms (P-…). ' +
        'Pseudonyms are the same in every file of this ZIP and differ from those of any other export. ' +
        'Names and email addresses in free texts are replaced by [redacted].'
      : 'Pseudonymised: no. Ids are the application’s own; names are shown.',
    d.withheld.length
      ? `Left out: ${d.withheld.join(', ')}. Individual answers and per-broker rows are exported to coordinators, and to observers only pseudonymised.`
      : 'Nothing was left out.',
    `Scores rest on at least ${minRaters} partners; with fewer they are empty.`,
    'Every column is described in codebook.csv (name, type, allowed values, meaning in Dutch and English).',
    'network.gexf holds the network over time for Gephi (dynamic GEXF 1.3).',
    '',
    'Files:',
    ...d.files.map((f) => `  ${f.file}: ${f.en}`),
  ];
  const nl = [
    'Coalesce-onderzoeksdataset',
    '==========================',
    `Geëxporteerd: ${d.exportedAt}`,
    whole
      ? 'Tijdvak: de hele geschiedenis.'
      : `Tijdvak: ${range} (rijen waarvan de periode het raakt; verbindingen die erin aanvaard werden)`,
    d.pseudonymised
      ? 'Gepseudonimiseerd: ja. Personen, en partners die niet genoemd willen worden, staan er als pseudoniem (P-…). ' +
        'Een pseudoniem is hetzelfde in elk bestand van deze ZIP en verschilt van dat in elke andere export. ' +
        'Namen en e-mailadressen in vrije tekst zijn vervangen door [redacted].'
      : 'Gepseudonimiseerd: nee. Ids zijn die van de toepassing; namen staan erin.',
    d.withheld.length
      ? `Weggelaten: ${d.withheld.join(', ')}. Individuele antwoorden en rijen per makelaar gaan naar coördinatoren, en naar waarnemers alleen gepseudonimiseerd.`
      : 'Er is niets weggelaten.',
    `Scores rusten op minstens ${minRaters} partners; met minder blijven ze leeg.`,
    'Elke kolom staat beschreven in codebook.csv (naam, type, toegelaten waarden, betekenis in het Nederlands en Engels).',
    'network.gexf bevat het netwerk door de tijd voor Gephi (dynamische GEXF 1.3).',
    '',
    'Bestanden:',
    ...d.files.map((f) => `  ${f.file}: ${f.nl}`),
  ];
  return `${en.join('\n')}\n\n${nl.join('\n')}\n`;
}
