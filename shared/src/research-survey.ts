import type { CodebookField, CodebookTable } from './research.js';
import { STAGES } from './domain.js';
import { FOLLOW_THROUGH_KINDS } from './participation.js';
import {
  STAGE_STATEMENT_IDS,
  SURVEY_CONTRIBUTIONS,
  SURVEY_STATUSES,
  TIE_LEVELS,
} from './surveys.js';

/*
 * The codebook of the survey and follow-through tables of the research dataset (issue 17).
 * Kept beside research.ts so the network tables and these read as one codebook there.
 */

const field = (
  name: string,
  type: CodebookField['type'],
  nl: string,
  en: string,
  allowedValues?: readonly string[],
): CodebookField => ({
  name,
  type,
  meaning: { nl, en },
  ...(allowedValues ? { allowedValues } : {}),
});

const RATING = ['1', '2', '3', '4'] as const;
const wave = field(
  'waveId',
  'string',
  'Id van de enquêteronde (zoals in waves.id).',
  'Id of the survey wave (as in waves.id).',
);
const rater = field(
  'rater',
  'string',
  'Id van de partner die antwoordde (zoals in nodes.id).',
  'Id of the partner that answered (as in nodes.id).',
);
const item = (name: string, nl: string, en: string) =>
  field(
    name,
    'integer',
    `${nl} (1–4; leeg als ze niet samenwerken).`,
    `${en} (1–4; empty when they do not work together).`,
    RATING,
  );
const tally = (scope: { nl: string; en: string }): CodebookField[] => [
  field(
    'introductions',
    'integer',
    `Aanvaarde verbindingen ${scope.nl}.`,
    `Accepted introductions ${scope.en}.`,
  ),
  field(
    'withinWindow',
    'integer',
    'Daarvan gevolgd door samenwerking binnen windowDays dagen na de aanvaarding.',
    'Of those, followed by collaboration within windowDays days of acceptance.',
  ),
  field(
    'ever',
    'integer',
    'Daarvan ooit gevolgd door samenwerking.',
    'Of those, ever followed by collaboration.',
  ),
  field(
    'shareWithinWindow',
    'number',
    'withinWindow / introductions (0–1; leeg zonder verbindingen).',
    'withinWindow / introductions (0–1; empty without introductions).',
  ),
  field(
    'shareEver',
    'number',
    'ever / introductions (0–1; leeg zonder verbindingen).',
    'ever / introductions (0–1; empty without introductions).',
  ),
];
const windowDays = field(
  'windowDays',
  'integer',
  'Het venster in dagen voor "snel" gevolgd (90).',
  'The window in days for "followed quickly" (90).',
);

export const SURVEY_CODEBOOK_TABLES: readonly CodebookTable[] = [
  {
    table: 'waves',
    file: 'tables/waves.csv',
    description: {
      nl: 'Eén rij per geopende enquêteronde die het gekozen tijdvak raakt.',
      en: 'One row per opened survey wave that overlaps the chosen period.',
    },
    fields: [
      field('id', 'string', 'Id van de ronde.', 'The wave’s id.'),
      field(
        'title',
        'string',
        'Titel van de ronde; bij pseudonimisering zijn namen en e-mailadressen erin vervangen door [redacted].',
        'The wave’s title; when pseudonymised, names and email addresses in it are replaced by [redacted].',
      ),
      field(
        'status',
        'enum',
        'Stand bij de export.',
        'Its state at the time of the export.',
        SURVEY_STATUSES,
      ),
      field(
        'opensAt',
        'datetime',
        'Moment van opening (ISO 8601, UTC).',
        'Opening (ISO 8601, UTC).',
      ),
      field(
        'closesAt',
        'datetime',
        'Sluiting (gepland, of het moment dat een coördinator ze vroeger sloot).',
        'Closing (as planned, or when a coordinator closed it early).',
      ),
      field(
        'closedAt',
        'datetime',
        'Wanneer de ronde werkelijk sloot; leeg zolang ze open is.',
        'When the wave actually closed; empty while it is open.',
      ),
      field(
        'declaredStage',
        'enum',
        'De ontwikkelingsfase die het netwerk opgaf toen de ronde opende.',
        'The development stage the network declared when the wave opened.',
        STAGES,
      ),
      field(
        'rosterSize',
        'integer',
        'Aantal partners dat gevraagd werd te antwoorden (actief bij de opening).',
        'Partners asked to answer (active when it opened).',
      ),
      field('respondents', 'integer', 'Aantal partners dat antwoordde.', 'Partners that answered.'),
    ],
  },
  {
    table: 'responses',
    file: 'tables/responses.csv',
    individual: true,
    description: {
      nl: 'Eén rij per antwoord van een partner over een andere partner (naar het PARTNER-instrument).',
      en: 'One row per answer of one partner about another (after the PARTNER tool).',
    },
    fields: [
      wave,
      rater,
      field(
        'rated',
        'string',
        'Id van de partner waarover het antwoord gaat (zoals in nodes.id).',
        'Id of the partner the answer is about (as in nodes.id).',
      ),
      field(
        'worksWith',
        'boolean',
        'Waar als de partners volgens de antwoordende partner samenwerken.',
        'True when the answering partner says they work together.',
      ),
      field(
        'level',
        'enum',
        'Hoe nauw: bewustzijn, samenwerking, afstemming, nauwe samenwerking (leeg als ze niet samenwerken).',
        'How closely: awareness, cooperation, coordination, collaboration (empty when they do not work together).',
        TIE_LEVELS,
      ),
      item('reliability', 'Vertrouwen: betrouwbaarheid', 'Trust: reliability'),
      item('missionSupport', 'Vertrouwen: steun voor de missie', 'Trust: support of the mission'),
      item('openness', 'Vertrouwen: open voor overleg', 'Trust: openness to discussion'),
      item('influence', 'Waarde: macht en invloed', 'Value: power and influence'),
      item('involvement', 'Waarde: mate van betrokkenheid', 'Value: level of involvement'),
      item('resourceContribution', 'Waarde: bijdrage aan middelen', 'Value: resource contribution'),
      field(
        'trust',
        'number',
        'Gemiddelde van de drie vertrouwensitems (1–4).',
        'Mean of the three trust items (1–4).',
      ),
      field(
        'value',
        'number',
        'Gemiddelde van de drie waarde-items (1–4).',
        'Mean of the three value items (1–4).',
      ),
      field(
        'contributions',
        'list',
        'Wat de beoordeelde partner bijdraagt, gescheiden door ";".',
        'What the rated partner contributes, separated by ";".',
        SURVEY_CONTRIBUTIONS,
      ),
      field(
        'submittedAt',
        'datetime',
        'Laatste indiening of herziening van het antwoord.',
        'When the answer was last submitted or revised.',
      ),
    ],
  },
  {
    table: 'stage_ratings',
    file: 'tables/stage_ratings.csv',
    individual: true,
    description: {
      nl: 'Eén rij per stelling over een ontwikkelingsfase die een partner beoordeelde.',
      en: 'One row per development-stage statement a partner rated.',
    },
    fields: [
      wave,
      rater,
      field('stage', 'enum', 'De fase van de stelling.', 'The statement’s stage.', STAGES),
      field(
        'statement',
        'enum',
        'Id van de stelling (de tekst staat in de app, nl en en).',
        'The statement’s id (its wording is in the app, nl and en).',
        STAGE_STATEMENT_IDS,
      ),
      field(
        'rating',
        'integer',
        'Hoe goed de stelling het netwerk nu beschrijft: 1 helemaal niet … 4 volledig.',
        'How well it describes the network now: 1 not at all … 4 fully.',
        RATING,
      ),
    ],
  },
  {
    table: 'partner_scores',
    file: 'tables/partner_scores.csv',
    description: {
      nl: 'Per ronde en partner: het gemiddelde vertrouwen en de waarde die de andere partners hem gaven. Leeg als minder dan 3 partners hem beoordeelden.',
      en: 'Per wave and partner: the mean trust and value the other partners gave it. Empty when fewer than 3 partners rated it.',
    },
    fields: [
      wave,
      field(
        'partner',
        'string',
        'Id van de beoordeelde partner (zoals in nodes.id).',
        'Id of the rated partner (as in nodes.id).',
      ),
      field(
        'label',
        'string',
        'Naam van de partner bij de opening van de ronde, of zijn pseudoniem.',
        'The partner’s name when the wave opened, or its pseudonym.',
      ),
      field(
        'trust',
        'number',
        'Gemiddeld vertrouwen (1–4) over de partners die hem beoordeelden; leeg onder 3 beoordelaars.',
        'Mean trust (1–4) over the partners that rated it; empty below 3 raters.',
      ),
      field('trustRaters', 'integer', 'Aantal beoordelaars van trust.', 'Raters behind trust.'),
      field(
        'value',
        'number',
        'Gemiddelde waarde (1–4); leeg onder 3 beoordelaars.',
        'Mean value (1–4); empty below 3 raters.',
      ),
      field('valueRaters', 'integer', 'Aantal beoordelaars van value.', 'Raters behind value.'),
    ],
  },
  {
    table: 'network_scores',
    file: 'tables/network_scores.csv',
    description: {
      nl: 'Per ronde de netwerkscores en hun verandering sinds de vorige ronde; leeg als minder dan 3 partners antwoordden.',
      en: 'Per wave the network scores and their change since the previous wave; empty when fewer than 3 partners answered.',
    },
    fields: [
      wave,
      field('respondents', 'integer', 'Partners die antwoordden.', 'Partners that answered.'),
      field('rosterSize', 'integer', 'Partners die gevraagd werden.', 'Partners asked.'),
      field(
        'density',
        'number',
        'Paren waarvan minstens één kant samenwerking meldt, gedeeld door alle paren (0–1).',
        'Pairs at least one side reports working with, over all pairs (0–1).',
      ),
      field(
        'reciprocity',
        'number',
        'Van de paren waarvan beide kanten antwoordden en één een band meldt: het deel waar beide dat doen (0–1).',
        'Of pairs where both sides answered and one reports a tie: the share where both do (0–1).',
      ),
      field(
        'trust',
        'number',
        'Gemiddeld vertrouwen over alle gemelde banden (1–4).',
        'Mean trust over every reported tie (1–4).',
      ),
      field(
        'value',
        'number',
        'Gemiddelde waarde over alle gemelde banden (1–4).',
        'Mean value over every reported tie (1–4).',
      ),
      field(
        'previousWaveId',
        'string',
        'De vorige geopende ronde (leeg voor de eerste).',
        'The previous opened wave (empty for the first).',
      ),
      field(
        'densityChange',
        'number',
        'density min die van de vorige ronde.',
        'density minus the previous wave’s.',
      ),
      field(
        'reciprocityChange',
        'number',
        'reciprocity min die van de vorige ronde.',
        'reciprocity minus the previous wave’s.',
      ),
      field(
        'trustChange',
        'number',
        'trust min die van de vorige ronde.',
        'trust minus the previous wave’s.',
      ),
      field(
        'valueChange',
        'number',
        'value min die van de vorige ronde.',
        'value minus the previous wave’s.',
      ),
    ],
  },
  {
    table: 'stage_profiles',
    file: 'tables/stage_profiles.csv',
    description: {
      nl: 'Per ronde en fase: hoe sterk de partners het netwerk in die fase zien, naast de opgegeven fase.',
      en: 'Per wave and stage: how strongly the partners see the network in that stage, beside the declared stage.',
    },
    fields: [
      wave,
      field(
        'declaredStage',
        'enum',
        'De fase die het netwerk opgaf toen de ronde opende.',
        'The stage the network declared when the wave opened.',
        STAGES,
      ),
      field('stage', 'enum', 'De fase van deze rij.', 'This row’s stage.', STAGES),
      field(
        'score',
        'number',
        'Gemiddelde over de partners van hun gemiddelde over de stellingen van de fase (1–4); leeg onder 3 partners.',
        'Mean over the partners of their mean over the stage’s statements (1–4); empty below 3 partners.',
      ),
      field(
        'raters',
        'integer',
        'Partners die een stelling van de fase beoordeelden.',
        'Partners that rated a statement of the stage.',
      ),
      field(
        'strongest',
        'boolean',
        'Waar voor de fase met de hoogste score in deze ronde.',
        'True for the stage with the highest score in this wave.',
      ),
    ],
  },
  {
    table: 'follow_through',
    file: 'tables/follow_through.csv',
    description: {
      nl: 'Eén rij voor het hele netwerk: hoeveel aanvaarde verbindingen (in het gekozen tijdvak) later tot samenwerking leidden, wanneer dat ook gebeurde.',
      en: 'One row for the whole network: how many accepted introductions (in the chosen period) later became collaboration, whenever that happened.',
    },
    fields: [windowDays, ...tally({ nl: 'in het tijdvak', en: 'in the period' })],
  },
  {
    table: 'broker_follow_through',
    file: 'tables/broker_follow_through.csv',
    individual: true,
    description: {
      nl: 'Eén rij per makelaar (een persoon), in volgorde van eerste verbinding, nooit gerangschikt.',
      en: 'One row per broker (a person), in order of first introduction, never ranked.',
    },
    fields: [
      field(
        'broker',
        'string',
        'Id van de makelaar (een gebruiker); bij pseudonimisering een pseudoniem (P-…).',
        'The broker’s id (a user); when pseudonymised, a pseudonym (P-…).',
      ),
      field(
        'brokerLabel',
        'string',
        'Naam van de makelaar, of zijn pseudoniem.',
        'The broker’s name, or their pseudonym.',
      ),
      windowDays,
      ...tally({ nl: 'van deze makelaar', en: 'by this broker' }),
    ],
  },
  {
    table: 'introductions',
    file: 'tables/introductions.csv',
    individual: true,
    description: {
      nl: 'Eén rij per aanvaarde verbinding in het tijdvak, met het eerste teken van samenwerking erna.',
      en: 'One row per accepted introduction in the period, with the first sign of collaboration after it.',
    },
    fields: [
      field(
        'edgeId',
        'string',
        'Id van de verbinding (zoals in edges.id).',
        'The connection’s id (as in edges.id).',
      ),
      field(
        'broker',
        'string',
        'De makelaar (zoals in broker_follow_through.broker).',
        'The broker (as in broker_follow_through.broker).',
      ),
      field(
        'source',
        'string',
        'Eerste partner (zoals in nodes.id).',
        'First partner (as in nodes.id).',
      ),
      field(
        'target',
        'string',
        'Tweede partner (zoals in nodes.id).',
        'Second partner (as in nodes.id).',
      ),
      field('acceptedAt', 'datetime', 'Aanvaarding door beide kanten.', 'Accepted by both sides.'),
      field(
        'firstCollaborationAt',
        'datetime',
        'Eerste teken van samenwerking erna; leeg als er (nog) geen is.',
        'The first sign of collaboration after it; empty when there is none (yet).',
      ),
      field(
        'firstCollaborationKind',
        'enum',
        'shared_experiment: een gedeeld experiment; survey_rating: een van beide noemde de ander in een enquête "samenwerking" of nauwer; document_coedit: vertegenwoordigers van beide schreven live in hetzelfde document (niet de visie).',
        'shared_experiment: a shared experiment; survey_rating: either rated the other as cooperating or closer in a survey; document_coedit: representatives of both wrote live in the same document (not the vision).',
        FOLLOW_THROUGH_KINDS,
      ),
      field(
        'withinWindow',
        'boolean',
        'Waar als dat binnen 90 dagen na de aanvaarding was.',
        'True when that was within 90 days of acceptance.',
      ),
    ],
  },
];
