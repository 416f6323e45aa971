/**
 * English for the landing page (what Coalesce is, for someone who has never seen it): a chunk of
 * its own, downloaded with that page only (see `lazyPage`). nl: landing.nl.ts.
 */
export const landingEn = {
  landing: {
    lead: 'Coalesce is a shared online workspace for a coalition of organisations and people who work towards one goal together — a “learning ecosystem” of schools, clubs, youth work, cities and citizens.',
    whatTitle: 'What you do in Coalesce',
    features: {
      vision: {
        title: 'Write the vision together',
        text: 'Everyone edits the same text at the same time. Name a version when you agree on it.',
      },
      decide: {
        title: 'Decide who joins',
        text: 'Propose a new partner and decide by consensus, by weighted vote or after consultation, with rules you set per stage.',
      },
      experiments: {
        title: 'Try things and learn',
        text: 'Follow your experiments on a shared board and write down what you learn from them.',
      },
      network: {
        title: 'See and grow the network',
        text: 'A map shows who works with whom and how that changed; brokers suggest who should meet.',
      },
    },
    stagesIntro:
      'A network goes through four stages. Coalesce keeps track of the stage you are in and adapts how you decide to it.',
    startTitle: 'Get started',
    startText:
      'Create an account, start a network or accept the invitation a coordinator sent you.',
    toNetworks: 'Go to your networks',
  },
  home: {
    title: 'Build your learning ecosystem together',
    stagesTitle: 'The four development stages',
  },
};
