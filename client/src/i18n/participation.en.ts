/**
 * Broker follow-through and participation (issue 17), in their own file so other work on the
 * catalogue does not collide with it.
 */
export const participationEn = {
  title: 'Follow-through and participation',
  brokersTitle: 'Do introductions turn into collaboration?',
  brokersIntro:
    'For every accepted connection: did the two partners later share an experiment, write in the same document (other than the shared vision, which everyone writes), or rate each other as cooperating or more in a survey?',
  brokersEmpty: 'No accepted connections yet.',
  broker: 'Broker',
  overall: 'All brokers',
  introductions: 'Introductions',
  within: 'Within {days} days',
  ever: 'Ever',
  followThrough: '{n} of {total} introductions became collaboration',
  followThroughOne: '{n} of {total} introductions became collaboration',
  followThroughWithin: '{n} of {total} within {days} days',
  partnersTitle: 'Participation per partner',
  partnersIntro:
    'What each partner took part in, said plainly. Partners are listed alphabetically; this is not a ranking.',
  ownTitle: 'Participation of {name}',
  votes: 'Voted on {n} of {total} proposals it could vote on',
  noVotes: 'Could not vote on any proposal yet',
  experiments: 'Takes part in {n} experiments',
  experimentsOne: 'Takes part in 1 experiment',
  learnings: 'Its representatives wrote {n} learnings',
  learningsOne: 'Its representatives wrote 1 learning',
  comments: 'Its representatives wrote {n} comments',
  commentsOne: 'Its representatives wrote 1 comment',
  surveys: 'Answered {n} of {total} surveys it was asked',
  noSurveys: 'Was not asked to answer a survey yet',
  quarter: 'Quarter',
  nothingYet: 'Nothing yet.',
  link: 'Participation',
};
