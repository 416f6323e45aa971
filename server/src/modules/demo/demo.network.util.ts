import type { ActorType, Motivation, PartnerKind, Tier } from '@coalesce/shared';

/**
 * The cast of the demo network "Kempen Speelt Samen": invented organisations and people with
 * Flemish-sounding names (none is a real organisation of the research project). Pure data; the
 * story in `demo-story.ts` decides when each one joins and how.
 */

/** The one password of every demo account (documented in the README). */
export const DEMO_PASSWORD = 'demo-coalesce-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.coalesce.local';
/** The account `npm run demo` creates when no `--email` is given. */
export const DEMO_COORDINATOR_EMAIL = `coordinator@${DEMO_EMAIL_DOMAIN}`;

export interface DemoPartner {
  name: string;
  kind: PartnerKind;
  actorType: ActorType;
  /** The circle it ends up in (a promoted partner starts broad). */
  tier: Tier;
  weight?: number;
  motivations: Motivation[];
  expertise: string[];
  targetGroups: string[];
  resources: string[];
  description: string;
  website?: string;
  /** Its representative's display name; null: nobody represents it (the app marks it). */
  rep: string | null;
}

const p = (x: DemoPartner) => x;

/** Keyed by a short slug, which also names the representative's demo account. */
export const DEMO_PARTNERS = {
  // ---- founders (added directly when the network starts) -------------------------------------
  klets: p({
    name: 'Jeugdhuis De Klets',
    kind: 'organisation',
    actorType: 'youth_work',
    tier: 'core',
    motivations: ['mission_fit', 'new_target_groups', 'local_partnership'],
    expertise: ['jeugdwerk', 'vrijwilligers'],
    targetGroups: ['jongeren 12-18'],
    resources: ['ruimte', 'fuifzaal'],
    description: 'Open jeugdhuis in het centrum, elke woensdag en vrijdag open.',
    rep: null, // the person who starts the demo represents it
  }),
  lommel: p({
    name: 'Stad Lommel',
    kind: 'organisation',
    actorType: 'local_government',
    tier: 'core',
    weight: 2,
    motivations: ['greater_impact', 'local_partnership'],
    expertise: ['beleid', 'subsidies'],
    targetGroups: ['alle inwoners'],
    resources: ['budget', 'zalen'],
    description: 'Dienst vrije tijd en jeugd van de stad.',
    website: 'https://lommel.demo.coalesce.local',
    rep: 'An Janssens',
  }),
  zonhoven: p({
    name: 'Sportclub Zonhoven',
    kind: 'organisation',
    actorType: 'sports',
    tier: 'core',
    motivations: ['new_target_groups', 'learn_from_partners'],
    expertise: ['sportkampen', 'trainers'],
    targetGroups: ['kinderen 6-12', 'jongeren 12-18'],
    resources: ['sporthal', 'materiaal'],
    description: 'Omnisportclub met 400 leden en een jeugdwerking.',
    rep: 'Bart Peeters',
  }),
  kempenland: p({
    name: 'Hogeschool Kempenland',
    kind: 'organisation',
    actorType: 'knowledge_institution',
    tier: 'core',
    weight: 1.5,
    motivations: ['learn_from_partners', 'access_to_resources'],
    expertise: ['onderzoek', 'evaluatie'],
    targetGroups: ['studenten'],
    resources: ['stagiairs'],
    description: 'Onderzoeksgroep sociaal werk; begeleidt het netwerk als makelaar.',
    rep: 'Sofie Maes',
  }),
  regenboog: p({
    name: 'Basisschool De Regenboog',
    kind: 'organisation',
    actorType: 'education',
    tier: 'core',
    motivations: ['mission_fit', 'greater_impact'],
    expertise: ['onderwijs', 'ouderbetrokkenheid'],
    targetGroups: ['kinderen 6-12', 'ouders'],
    resources: ['speelplaats', 'refter'],
    description: 'Wijkschool met 230 leerlingen.',
    rep: 'Koen Wouters',
  }),

  // ---- admitted over the months --------------------------------------------------------------
  heidebloem: p({
    name: 'Welzijnshuis Heidebloem',
    kind: 'organisation',
    actorType: 'care_welfare',
    tier: 'core',
    motivations: ['new_target_groups', 'greater_impact'],
    expertise: ['armoedebestrijding', 'gezinsondersteuning'],
    targetGroups: ['gezinnen in armoede'],
    resources: ['maatschappelijk werkers'],
    description: 'Welzijnsloket en ontmoetingshuis.',
    rep: 'Lotte Claes',
  }),
  vanhoof: p({
    name: 'Bakkerij Vanhoof',
    kind: 'organisation',
    actorType: 'entrepreneur',
    tier: 'broad',
    motivations: ['local_partnership'],
    expertise: ['voeding'],
    targetGroups: ['buurtbewoners'],
    resources: ['brood', 'sponsoring'],
    description: 'Familiebakkerij die ontbijt sponsort.',
    rep: 'Jef Vanhoof',
  }),
  scouts: p({
    name: 'Scouts Sint-Jan',
    kind: 'organisation',
    actorType: 'youth_work',
    tier: 'core',
    motivations: ['learn_from_partners', 'new_target_groups'],
    expertise: ['spel', 'kampen'],
    targetGroups: ['kinderen 6-12', 'jongeren 12-18'],
    resources: ['lokalen', 'tenten'],
    description: 'Scoutsgroep met 150 leden.',
    rep: 'Ruben Hermans',
  }),
  vijfklank: p({
    name: 'Muziekschool Vijfklank',
    kind: 'organisation',
    actorType: 'arts_culture',
    tier: 'broad',
    motivations: ['new_target_groups'],
    expertise: ['muziek'],
    targetGroups: ['kinderen 6-12'],
    resources: ['instrumenten'],
    description: 'Deeltijds kunstonderwijs muziek.',
    rep: 'Marie Willems',
  }),
  schroef: p({
    name: 'Repair Café De Schroef',
    kind: 'organisation',
    actorType: 'civil_society',
    tier: 'broad',
    motivations: ['local_partnership', 'mission_fit'],
    expertise: ['herstellen', 'techniek'],
    targetGroups: ['buurtbewoners'],
    resources: ['vrijwilligers', 'gereedschap'],
    description: 'Maandelijks herstelcafé door vrijwilligers.',
    rep: 'Luc Goossens',
  }),
  anker: p({
    name: 'Buurtwerk Het Anker',
    kind: 'organisation',
    actorType: 'civil_society',
    tier: 'core',
    motivations: ['greater_impact', 'local_partnership'],
    expertise: ['buurtwerk', 'participatie'],
    targetGroups: ['buurtbewoners', 'gezinnen in armoede'],
    resources: ['buurthuis'],
    description: 'Buurtwerking in de Lindewijk.',
    rep: 'Nadia El Amrani',
  }),
  delinde: p({
    name: 'Huisartsenpraktijk De Linde',
    kind: 'organisation',
    actorType: 'care_welfare',
    tier: 'broad',
    motivations: ['greater_impact'],
    expertise: ['gezondheid'],
    targetGroups: ['gezinnen'],
    resources: ['advies'],
    description: 'Groepspraktijk met vier huisartsen.',
    rep: 'Dr. Pieter Smets',
  }),
  mezennestje: p({
    name: "Kinderopvang 't Mezennestje",
    kind: 'organisation',
    actorType: 'care_welfare',
    tier: 'broad',
    motivations: ['new_target_groups'],
    expertise: ['kinderopvang'],
    targetGroups: ['kinderen 0-6', 'ouders'],
    resources: ['opvangplaatsen'],
    description: 'Buitenschoolse kinderopvang.',
    rep: 'Griet Aerts',
  }),
  lies: p({
    name: 'Lies Claes',
    kind: 'individual',
    actorType: 'citizen',
    tier: 'broad',
    motivations: ['mission_fit'],
    expertise: ['vrijwilligerswerk'],
    targetGroups: ['jongeren 12-18'],
    resources: ['tijd'],
    description: 'Buurtbewoner en ex-leidster, helpt bij activiteiten.',
    rep: 'Lies Claes',
  }),
  kempenpijl: p({
    name: 'Atletiekclub Kempenpijl',
    kind: 'organisation',
    actorType: 'sports',
    tier: 'broad',
    motivations: ['new_target_groups'],
    expertise: ['atletiek', 'trainers'],
    targetGroups: ['jongeren 12-18'],
    resources: ['piste'],
    description: 'Atletiekclub met een G-werking.',
    rep: 'Tom Jacobs',
  }),
  fietsatelier: p({
    name: 'Fietsatelier Kempen',
    kind: 'organisation',
    actorType: 'entrepreneur',
    tier: 'broad',
    motivations: ['local_partnership'],
    expertise: ['fietsen herstellen'],
    targetGroups: ['jongeren 12-18'],
    resources: ['werkplaats'],
    description: 'Sociale fietsenherstelplaats.',
    rep: 'Dirk Mertens',
  }),
  kempenheide: p({
    name: 'Natuurvereniging De Kempenheide',
    kind: 'organisation',
    actorType: 'other',
    tier: 'core',
    motivations: ['mission_fit', 'greater_impact'],
    expertise: ['natuureducatie'],
    targetGroups: ['kinderen 6-12', 'gezinnen'],
    resources: ['natuurgebied', 'gidsen'],
    description: 'Beheert de heide en organiseert natuurwandelingen.',
    rep: 'Hilde Vos',
  }),
  lutgardis: p({
    name: 'Vrije Basisschool Sint-Lutgardis',
    kind: 'organisation',
    actorType: 'education',
    tier: 'broad',
    motivations: ['learn_from_partners'],
    expertise: ['onderwijs'],
    targetGroups: ['kinderen 6-12'],
    resources: ['turnzaal'],
    description: 'Dorpsschool met 120 leerlingen.',
    rep: 'Katrien Dewit',
  }),
  lindel: p({
    name: 'Gemeente Lindel',
    kind: 'organisation',
    actorType: 'local_government',
    tier: 'broad',
    motivations: ['learn_from_partners', 'local_partnership'],
    expertise: ['beleid'],
    targetGroups: ['alle inwoners'],
    resources: ['budget'],
    description: 'Buurgemeente die wil leren van het netwerk.',
    rep: 'Wim Van den Broeck',
  }),
  jan: p({
    name: 'Jan Peeters',
    kind: 'individual',
    actorType: 'citizen',
    tier: 'broad',
    motivations: ['mission_fit'],
    expertise: ['fotografie'],
    targetGroups: ['jongeren 12-18'],
    resources: ['tijd'],
    description: 'Gepensioneerd leraar, maakt foto’s van de activiteiten.',
    rep: null,
  }),
  spelbeweging: p({
    name: 'Expertisecentrum Spel & Beweging',
    kind: 'organisation',
    actorType: 'knowledge_institution',
    tier: 'broad',
    motivations: ['learn_from_partners', 'access_to_resources'],
    expertise: ['bewegingsonderwijs', 'evaluatie'],
    targetGroups: ['leerkrachten'],
    resources: ['vorming'],
    description: 'Vormingen over spel en beweging.',
    rep: 'Eva Lemmens',
  }),
  depot: p({
    name: 'Sociaal Restaurant De Pot',
    kind: 'organisation',
    actorType: 'care_welfare',
    tier: 'broad',
    motivations: ['new_target_groups', 'local_partnership'],
    expertise: ['koken', 'tewerkstelling'],
    targetGroups: ['gezinnen in armoede'],
    resources: ['keuken', 'maaltijden'],
    description: 'Betaalbare maaltijden en een leerwerkplek.',
    rep: 'Sam De Smet',
  }),
  kapelleke: p({
    name: 'Theater Het Kapelleke',
    kind: 'organisation',
    actorType: 'arts_culture',
    tier: 'broad',
    motivations: ['new_target_groups'],
    expertise: ['theater', 'podium'],
    targetGroups: ['jongeren 12-18'],
    resources: ['zaal'],
    description: 'Klein theater in een oude kapel.',
    rep: 'Ine Maes',
  }),
  jeugdraad: p({
    name: 'Jeugdraad Lommel',
    kind: 'organisation',
    actorType: 'youth_work',
    tier: 'broad',
    motivations: ['mission_fit'],
    expertise: ['inspraak'],
    targetGroups: ['jongeren 12-18'],
    resources: ['netwerk'],
    description: 'Adviesraad van jongeren.',
    rep: 'Yasmine Bouzid',
  }),
  leesboom: p({
    name: 'Bibliotheek De Leesboom',
    kind: 'organisation',
    actorType: 'arts_culture',
    tier: 'broad',
    motivations: ['new_target_groups', 'local_partnership'],
    expertise: ['leesbevordering', 'digitale vaardigheden'],
    targetGroups: ['kinderen 6-12', 'ouders'],
    resources: ['computers', 'leeszaal'],
    description: 'Openbare bibliotheek met een digipunt.',
    rep: 'Joke Verhoeven',
  }),

  // ---- candidates that were not admitted ---------------------------------------------------------
  gokhal: p({
    name: 'Speelhal Lucky Kempen',
    kind: 'organisation',
    actorType: 'entrepreneur',
    tier: 'core',
    motivations: ['access_to_resources'],
    expertise: ['evenementen'],
    targetGroups: ['jongvolwassenen'],
    resources: ['sponsoring'],
    description: 'Wil sponsoren in ruil voor zichtbaarheid.',
    rep: null,
  }),
  powergym: p({
    name: 'Fitnesscentrum PowerGym',
    kind: 'organisation',
    actorType: 'sports',
    tier: 'broad',
    motivations: ['new_target_groups'],
    expertise: ['fitness'],
    targetGroups: ['jongvolwassenen'],
    resources: ['zaal'],
    description: 'Commerciële fitnessketen.',
    rep: null,
  }),
  kunstkamer: p({
    name: 'Academie De Kunstkamer',
    kind: 'organisation',
    actorType: 'arts_culture',
    tier: 'core',
    motivations: ['learn_from_partners'],
    expertise: ['beeldende kunst'],
    targetGroups: ['kinderen 6-12'],
    resources: ['ateliers'],
    description: 'Academie voor beeldende kunst.',
    rep: null,
  }),
  pirouette: p({
    name: 'Dansstudio Pirouette',
    kind: 'organisation',
    actorType: 'entrepreneur',
    tier: 'broad',
    motivations: ['new_target_groups'],
    expertise: ['dans'],
    targetGroups: ['jongeren 12-18'],
    resources: ['danszaal'],
    description: 'Private dansschool.',
    rep: null,
  }),
  speelpleinwerking: p({
    name: 'Speelpleinwerking De Woelmuis',
    kind: 'organisation',
    actorType: 'youth_work',
    tier: 'core',
    motivations: ['mission_fit', 'learn_from_partners'],
    expertise: ['speelpleinwerk', 'animatoren'],
    targetGroups: ['kinderen 6-12'],
    resources: ['speelterrein'],
    description: 'Speelpleinwerking in de zomer; de beslissing loopt nog.',
    rep: null,
  }),
} satisfies Record<string, DemoPartner>;
export type DemoPartnerKey = keyof typeof DEMO_PARTNERS;

/** The demo account of a representative: `sofie.maes.k3f9x2@demo.coalesce.local`. */
export function demoEmail(displayName: string, tag: string): string {
  const local = displayName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return `${local}.${tag}@${DEMO_EMAIL_DOMAIN}`;
}

/** The vision document's text at each named version: headings and paragraphs. */
export type DemoBlock = { heading: string } | { paragraph: string };

export const VISION_DRAFTS: Record<'first' | 'workshop' | 'v2' | 'rewrite' | 'v2027', DemoBlock[]> =
  {
    first: [
      { heading: 'Kempen Speelt Samen' },
      {
        paragraph:
          'Elk kind en elke jongere in onze gemeenten kan na school spelen, sporten en creëren, dicht bij huis en zonder drempels.',
      },
    ],
    workshop: [
      { heading: 'Kempen Speelt Samen' },
      {
        paragraph:
          'Elk kind en elke jongere in onze gemeenten kan na school spelen, sporten en creëren, dicht bij huis en zonder drempels.',
      },
      { heading: 'Waarom samen' },
      {
        paragraph:
          'Geen enkele organisatie bereikt alle kinderen alleen. De school kent de gezinnen, de club heeft de trainers, het jeugdhuis de ruimte.',
      },
    ],
    v2: [
      { heading: 'Kempen Speelt Samen' },
      {
        paragraph:
          'Elk kind en elke jongere in onze gemeenten kan na school spelen, sporten en creëren, dicht bij huis en zonder drempels.',
      },
      { heading: 'Waarom samen' },
      {
        paragraph:
          'Geen enkele organisatie bereikt alle kinderen alleen. De school kent de gezinnen, de club heeft de trainers, het jeugdhuis de ruimte.',
      },
      { heading: 'Hoe we werken' },
      {
        paragraph:
          'We proberen kleine experimenten, leren van wat lukt en wat niet, en maken het gewone werking wanneer het werkt.',
      },
    ],
    rewrite: [
      { heading: 'Kempen Speelt Samen' },
      { paragraph: 'Ontwerp: we herschrijven de visie in één zin per partner. (werkversie)' },
    ],
    v2027: [
      { heading: 'Kempen Speelt Samen' },
      {
        paragraph:
          'Elk kind en elke jongere in onze gemeenten kan na school spelen, sporten en creëren, dicht bij huis en zonder drempels.',
      },
      { heading: 'Waarom samen' },
      {
        paragraph:
          'Geen enkele organisatie bereikt alle kinderen alleen. De school kent de gezinnen, de club heeft de trainers, het jeugdhuis de ruimte.',
      },
      { heading: 'Hoe we werken' },
      {
        paragraph:
          'We proberen kleine experimenten, leren van wat lukt en wat niet, en maken het gewone werking wanneer het werkt.',
      },
      { heading: 'Wat we verankeren' },
      {
        paragraph:
          'De sportkampen na school zijn vaste werking. Stad en gemeente dragen de coördinatie; de partners dragen de activiteiten.',
      },
    ],
  };
