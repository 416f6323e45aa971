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
    bulkSubmit: '{n} uitnodigingen versturen',
    bulkCheck: 'Pas deze regels eerst aan',
    lineError: 'Regel {line}: {message}',
    errorEmail: '“{text}” is geen e-mailadres',
    errorPartner: 'er is geen partner met de naam “{name}”',
    errorDuplicate: '{email} staat al op een vorige regel',
    noLines: 'Typ minstens één e-mailadres.',
    resultsTitle: 'Resultaat per regel',
    resultSent: '{email}: uitnodiging verstuurd',
    resultFailed: '{email}: niet verstuurd ({message})',
    legacy: 'link niet meer beschikbaar',
  },
  reps: {
    title: 'Vertegenwoordigers',
    none: 'Niemand vertegenwoordigt deze partner, dus hij kan niet stemmen of op verbindingen antwoorden.',
    remove: '{name} weghalen als vertegenwoordiger',
    removeShort: 'Weghalen',
    confirmRemove: '{name} vertegenwoordigt {partner} dan niet meer. Doorgaan?',
    addMember: 'Een lid als vertegenwoordiger toevoegen',
    pick: 'Kies een lid…',
    nowRepresents: '{name} (vertegenwoordigt nu {partner})',
    add: 'Toevoegen',
    inviteTitle:
      'Of nodig een nieuwe persoon per e-mail uit als vertegenwoordiger van deze partner',
    inviteEmail: 'E-mailadres van de nieuwe vertegenwoordiger',
    invite: 'Uitnodigen',
    invited:
      'Uitnodiging gemaakt voor {email}. Die persoon ziet ze bij het aanmelden, of je stuurt deze link door:',
    noRep: 'Geen vertegenwoordiger',
    column: 'Vertegenwoordigers',
  },
  preview: {
    contactEmail: 'E-mailadres van de contactpersoon (optioneel)',
    contactHint:
      'Als de organisatie aanvaard wordt, krijgt deze persoon een uitnodiging om ze in het netwerk te vertegenwoordigen.',
    button: 'Bekijk eerst',
    title: 'Voor je dit voorstel opent',
    rule: 'Hoe er beslist wordt',
    voters: 'Wie stemt',
    weight: 'gewicht {w}',
    representatives: '{n} vertegenwoordiger(s)',
    noRep: 'geen vertegenwoordiger',
    nobody: 'Niemand stemt over dit voorstel.',
    deadline: 'De stemming sluit op {date}.',
    consultation: 'Advies geven kan tot {date}; daarna wordt er beslist.',
    warnings: 'Let op',
    open: 'Voorstel openen',
    change: 'Aanpassen',
    stale: 'Je hebt het formulier aangepast: bekijk het voorbeeld opnieuw voor je opent.',
    unrepresentedConsensus:
      '{name} heeft geen vertegenwoordiger: bij consensus zonder ‘stilzwijgen is instemming’ kan dit voorstel pas aanvaard worden als iemand die partner vertegenwoordigt.',
    unrepresentedWeighted:
      '{name} heeft geen vertegenwoordiger: zonder dat gewicht wordt het quorum niet gehaald, tenzij iemand die partner vertegenwoordigt.',
    unrepresentedSilence:
      '{name} heeft geen vertegenwoordiger: niemand kan in zijn naam stemmen, dus zijn stilzwijgen telt als instemming.',
    unrepresented: '{name} heeft geen vertegenwoordiger: niemand kan in zijn naam stemmen.',
    empty: 'Niemand kan over dit voorstel stemmen: er zijn geen partners die beslissen.',
    zeroWeight: '{name} heeft gewicht 0: die stem telt niet mee.',
  },
  viewer: {
    no_partner:
      'Je vertegenwoordigt geen partner, dus je kan niet stemmen. Een coördinator kan je in de ledenlijst aan een partner koppelen.',
    notInCore: 'De kernpartners beslissen in deze fase over het toelaten van {tier}.',
    notInAll: 'Alleen actieve partners stemmen over dit voorstel, en {partner} is er (nog) geen.',
    is_candidate: 'Over {partner} wordt beslist, dus die stemt zelf niet mee.',
    observer: 'Waarnemers volgen de beslissingen, maar stemmen niet.',
    decidersDecide:
      '{deciders} beslissen in deze fase over het toelaten van {tier}, na de consultatie. Jij kan advies geven.',
    coordinatorsDecide:
      'De coördinatoren beslissen in deze fase over het toelaten van {tier}, na de consultatie. Jij kan advies geven.',
    tiers: { core: 'kernpartners', broad: 'brede partners' },
  },
  rule: {
    weighted:
      'Aanvaard als minstens {quorum} % van het gewicht gestemd heeft en meer dan {support} % van het ja+nee-gewicht ja is.',
    consensus: 'Aanvaard als elke partner akkoord gaat: één nee blokkeert.',
    consensusSilence: 'Partners die niet gestemd hebben als de stemming sluit, tellen als akkoord.',
    consensusNoSilence: 'Elke partner moet ja stemmen: niet stemmen blokkeert ook.',
    autonomous: 'Na {hours} uur consultatie beslissen {deciders}.',
    autonomousCoordinators:
      'Na {hours} uur consultatie beslissen de coördinatoren (geen beslissers gekozen: de coördinatoren beslissen).',
    electorateCore: 'De kernpartners stemmen.',
    electorateAll: 'Alle actieve partners stemmen.',
    voting: 'De stemming blijft {hours} uur open.',
    and: ' en ',
  },
  policy: {
    quorum: 'Quorum (% van het gewicht dat moet stemmen)',
    support: 'Nodige steun (meer dan dit % van ja+nee)',
    deciders: 'Wie beslist',
    decidersNone: 'Geen beslissers gekozen: de coördinatoren beslissen.',
    noPartners: 'Er zijn nog geen actieve partners om uit te kiezen.',
    readBack: 'In gewone woorden',
  },
  connections: {
    onBehalf:
      '{partner} heeft geen vertegenwoordiger: als coördinator kan je in zijn naam antwoorden.',
    acceptFor: 'Aanvaarden voor {partner}',
    declineFor: 'Afwijzen voor {partner}',
    byCoordinator: '(beantwoord door een coördinator)',
    expired: 'Vervallen: niet elke kant heeft op tijd geantwoord.',
    others: 'Alle verbindingen',
    proposedByYou: 'door jou voorgesteld',
  },
  experiments: {
    delete: 'Experiment verwijderen',
    confirmDelete: '“{title}” definitief verwijderen? De lessen gaan ook verloren.',
  },
  ties: {
    title: 'Verbindingen',
    none: 'Nog geen verbindingen.',
    connection: 'verbinding',
    experiment: 'gedeeld experiment',
  },
};
