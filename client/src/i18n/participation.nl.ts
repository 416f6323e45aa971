import type { participationEn } from './participation.en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Opvolging van makelaars en deelname (issue 17). */
export const participationNl: Widen<typeof participationEn> = {
  title: 'Opvolging en deelname',
  brokersTitle: 'Worden kennismakingen samenwerking?',
  brokersIntro:
    'Voor elke aanvaarde verbinding: deelden de twee partners daarna een experiment, schreven ze in hetzelfde document (niet de gedeelde visie, waar iedereen in schrijft), of beoordeelden ze elkaar in een bevraging als samenwerkend of meer?',
  brokersEmpty: 'Nog geen aanvaarde verbindingen.',
  broker: 'Makelaar',
  overall: 'Alle makelaars',
  introductions: 'Kennismakingen',
  within: 'Binnen {days} dagen',
  ever: 'Ooit',
  followThrough: '{n} van de {total} kennismakingen werden samenwerking',
  followThroughOne: '{n} van de {total} kennismakingen werd samenwerking',
  followThroughWithin: '{n} van de {total} binnen {days} dagen',
  partnersTitle: 'Deelname per partner',
  partnersIntro:
    'Waaraan elke partner deelnam, eenvoudig gezegd. Partners staan alfabetisch; dit is geen rangschikking.',
  ownTitle: 'Deelname van {name}',
  votes: 'Stemde over {n} van de {total} voorstellen waarover ze mocht stemmen',
  noVotes: 'Mocht nog over geen enkel voorstel stemmen',
  experiments: 'Neemt deel aan {n} experimenten',
  experimentsOne: 'Neemt deel aan 1 experiment',
  learnings: 'Haar vertegenwoordigers schreven {n} lessen',
  learningsOne: 'Haar vertegenwoordigers schreven 1 les',
  comments: 'Haar vertegenwoordigers schreven {n} reacties',
  commentsOne: 'Haar vertegenwoordigers schreven 1 reactie',
  surveys: 'Beantwoordde {n} van de {total} bevragingen die ze kreeg',
  noSurveys: 'Kreeg nog geen bevraging',
  quarter: 'Kwartaal',
  nothingYet: 'Nog niets.',
  link: 'Deelname',
};
