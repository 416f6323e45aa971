import type { deliberationEn } from './deliberation.en';

/** Issue 16 in Dutch (see deliberation.en.ts). */
export const deliberationNl: typeof deliberationEn = {
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
};
