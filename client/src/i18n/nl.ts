import type { Messages } from './en';

/** Nederlands — the product's first language (the source material is Flemish). */
export const nl: Messages = {
  app: {
    name: 'Coalesce',
    tagline: 'De werkplek waar een organisatienetwerk zichzelf bouwt',
    skipToContent: 'Naar de inhoud',
    language: 'Taal',
    loading: 'Laden…',
    retry: 'Opnieuw proberen',
    notFound: 'Deze pagina bestaat niet.',
    backHome: 'Terug naar het begin',
    errorTitle: 'Er ging iets mis',
  },
  nav: {
    main: 'Hoofdnavigatie',
    home: 'Start',
    workspaces: 'Netwerken',
    vision: 'Visie',
    partners: 'Partners',
    proposals: 'Beslissingen',
    experiments: 'Experimenten',
    network: 'Netwerkkaart',
    activity: 'Activiteit',
    settings: 'Instellingen',
    signIn: 'Aanmelden',
    signOut: 'Afmelden',
    register: 'Account maken',
  },
  home: {
    title: 'Bouw samen aan je leerecosysteem',
    intro:
      'Partners schrijven samen een gedeelde visie, beslissen samen wie erbij komt, volgen experimenten op, en makelaars verbinden mensen doorheen het netwerk.',
    stagesTitle: 'De vier ontwikkelingsfasen',
    status: 'Systeemstatus',
    apiUp: 'Server en databank zijn bereikbaar',
    apiDown: 'De server kan zijn databank niet bereiken',
    apiUnknown: 'De server wordt gecontroleerd…',
  },
  stages: {
    hypothesis_vision: {
      name: 'Hypothese- en visievorming',
      description:
        'Veel dynamiek en creativiteit; een losse visie; het (kern)partnerschap vormt zich.',
    },
    catalysing_initiating: {
      name: 'Katalyseren en initiëren',
      description:
        'Nieuwe partners in beeld; rollen en werkwijzen besproken; de visie botst op de realiteit.',
    },
    dynamic_experimentation: {
      name: 'Dynamisch experimenteren',
      description:
        'Iteraties uitproberen en eerste bewijzen van succes; diversere partners, lossere governance.',
    },
    mainstreaming_sustaining: {
      name: 'Mainstreamen of bestendigen',
      description:
        'Duurzame financiering; deel worden van een bestaand systeem zonder de vernieuwing te verliezen.',
    },
  },
  errors: {
    network: 'De server is niet bereikbaar. Controleer je verbinding en probeer opnieuw.',
    generic: 'Er ging iets mis. Probeer het opnieuw.',
  },
};
