import type { coalitionEn } from './coalition.en';

/** Nederlands voor vertegenwoordiging, voorbeelden en regels in gewone woorden (issue 12). */
export const coalitionNl: typeof coalitionEn = {
  members: {
    roleOf: 'Rol van {name}',
    partnerOf: 'Partner die {name} vertegenwoordigt',
    none: 'Vertegenwoordigt geen partner',
    represents: 'vertegenwoordigt {partner}',
    noPartner: 'vertegenwoordigt geen partner',
    candidate: '{name} (kandidaat)',
    conflict: 'Dit kan nu niet: {message}',
  },
  invite: {
    partner: 'Vertegenwoordigt partner',
    noPartner: 'Geen partner (nog niet)',
    observerNoBroker: 'Waarnemers volgen mee; ze kunnen geen makelaar zijn.',
    copyLink: 'Link kopiëren',
    copied: 'Gekopieerd',
    linkFor: 'Uitnodigingslink voor {who}',
    represents: 'vertegenwoordigt {partner}',
    broker: 'makelaar',
    single: 'Eén persoon',
    bulk: 'Meerdere mensen tegelijk',
    bulkLabel: 'E-mailadressen, één per regel',
    bulkHint:
      'Zet er eventueel na een komma de partner bij die ze vertegenwoordigen: an@school.be, De Regenboog',
    bulkSubmit: '{n} uitnodigingen aanmaken',
    bulkSubmitOne: '1 uitnodiging aanmaken',
    bulkCheck: 'Pas deze regels eerst aan',
    lineError: 'Regel {line}: {message}',
    errorEmail: '“{text}” is geen e-mailadres',
    errorPartner: 'er is geen partner met de naam “{name}”',
    errorDuplicate: '{email} staat al op een vorige regel',
    noLines: 'Typ minstens één e-mailadres.',
    resultsTitle: 'Resultaat per regel',
    resultSent: '{email}: uitnodiging aangemaakt',
    resultsAfter:
      'Iedereen ziet de uitnodiging zodra die zich aanmeldt met dat adres. Je kan ook elke link kopiëren bij de openstaande uitnodigingen hieronder en die zelf doorsturen.',
    resultFailed: '{email}: niet aangemaakt ({message})',
    legacy: 'link niet meer beschikbaar',
  },
};
