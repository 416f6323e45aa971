/** English messages. The shape of this object is the key set every locale must provide. */
export const en = {
  app: {
    name: 'Coalesce',
    tagline: 'The workspace where an organisation network builds itself',
    skipToContent: 'Skip to content',
    language: 'Language',
    loading: 'Loading…',
    retry: 'Try again',
    notFound: 'This page does not exist.',
    backHome: 'Back to the start',
    errorTitle: 'Something went wrong',
  },
  nav: {
    main: 'Main navigation',
    home: 'Home',
    workspaces: 'Networks',
    vision: 'Vision',
    partners: 'Partners',
    proposals: 'Decisions',
    experiments: 'Experiments',
    network: 'Network map',
    activity: 'Activity',
    settings: 'Settings',
    signIn: 'Sign in',
    signOut: 'Sign out',
    register: 'Create account',
  },
  home: {
    title: 'Build your learning ecosystem together',
    intro:
      'Partners co-write a shared vision, decide together who joins, track experiments, and brokers connect people across the network.',
    stagesTitle: 'The four development stages',
    status: 'System status',
    apiUp: 'Server and database are up',
    apiDown: 'The server cannot reach its database',
    apiUnknown: 'Checking the server…',
  },
  stages: {
    hypothesis_vision: {
      name: 'Hypothesis and vision forming',
      description: 'High dynamics and creativity; a loose vision; forming the (core) partnership.',
    },
    catalysing_initiating: {
      name: 'Catalysing and initiating',
      description:
        'New partners identified; roles and ways of working discussed; vision meets reality.',
    },
    dynamic_experimentation: {
      name: 'Dynamic experimentation',
      description:
        'Trying iterations and first evidence of success; more diverse partners, looser governance.',
    },
    mainstreaming_sustaining: {
      name: 'Mainstreaming or sustaining',
      description:
        'Sustainable funding; becoming part of an existing system without losing the innovation.',
    },
  },
  errors: {
    network: 'The server could not be reached. Check your connection and try again.',
    generic: 'Something went wrong. Please try again.',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
