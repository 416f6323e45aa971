import type { deliberationEn } from './deliberation.en';

/** Issue 16 in Dutch (see deliberation.en.ts). */
export const deliberationNl: typeof deliberationEn = {
  event: {
    statement_added: '{actor} schreef een toelichting bij de uitkomst voor {candidate}',
    reminded:
      '{actor} herinnerde {count} partners eraan te stemmen over de toetreding van {candidate}',
    extended: '{actor} verschoof de deadline voor {candidate} naar {date}',
    delegation_set: '{actor} liet {partner} stemmen via {to}',
    delegation_revoked: '{actor} beëindigde de volmacht van {partner} aan {to}',
  },
  delegation: {
    title: 'Volmacht',
    none: 'Deze partner stemt zelf.',
    current: 'Als {partner} zelf niet stemt, telt de stem van {to} voor deze partner.',
    explain:
      'Kies een andere actieve partner wiens stem telt voor deze partner als die zelf niet stemt. Een eigen stem gaat altijd voor; de volmacht van de gevolmachtigde zelf telt niet door.',
    choose: 'Volmacht aan',
    pick: 'Kies een partner…',
    save: 'Volmacht geven',
    revoke: 'Volmacht beëindigen',
    listBadge: 'stemt via {to}',
  },
  proposal: {
    via: 'via {partner}',
    statementTitle: 'Toelichting bij de uitkomst',
    statementBy: '{name}, {date}',
    statementLabel: 'Wat wil je de partners over deze uitkomst vertellen?',
    statementSave: 'Toelichting publiceren',
    statementEdit: 'Toelichting wijzigen',
    remind: 'Herinner wie nog niet stemde',
    remindSent: 'Herinnering verstuurd.',
    remindWait: 'Een nieuwe herinnering kan over {time}.',
    extendTitle: 'Deadline verlengen',
    extendLabel: 'Nieuwe deadline',
    extendSave: 'Verlengen',
  },
  pending: {
    title: 'Wacht op je stem',
    item: '{candidate} ({tier}) in {workspace}',
    closes: 'sluit over {time}',
    vote: 'Stemmen',
  },
};
