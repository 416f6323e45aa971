import { participation, quarterOf, type ParticipationInput } from './participation.util';

const d = (s: string) => new Date(s);
const base: ParticipationInput = {
  partners: [
    { id: 'z', name: 'Zorggroep' },
    { id: 'a', name: 'Bibliotheek' },
    { id: 'q', name: 'Atelier' },
  ],
  partnerOfUser: new Map([
    ['u1', 'a'],
    ['u2', 'a'],
    ['u3', 'z'],
    ['u9', 'gone'],
  ]),
  proposals: [
    { id: 'p1', createdAt: d('2026-01-10T00:00:00Z'), electorate: ['a', 'z'] },
    { id: 'p2', createdAt: d('2026-02-10T00:00:00Z'), electorate: ['a', 'z'] },
    { id: 'p3', createdAt: d('2026-04-02T00:00:00Z'), electorate: ['a'] },
  ],
  votes: [
    { proposalId: 'p1', partnerId: 'a' },
    { proposalId: 'p2', partnerId: 'a' },
    { proposalId: 'p2', partnerId: 'z' },
  ],
  experiments: [
    { partnerIds: ['a', 'z'], at: d('2026-03-31T23:59:59Z') },
    { partnerIds: ['a'], at: d('2026-04-01T00:00:00Z') },
  ],
  learnings: [
    { authorId: 'u1', createdAt: d('2026-05-01T00:00:00Z') },
    { authorId: 'u9', createdAt: d('2026-05-01T00:00:00Z') },
  ],
  comments: [
    { authorId: 'u2', createdAt: d('2026-01-05T00:00:00Z') },
    { authorId: 'u3', createdAt: d('2026-01-06T00:00:00Z') },
    { authorId: 'stranger', createdAt: d('2026-01-06T00:00:00Z') },
  ],
  waves: [{ id: 'w1', opensAt: d('2026-06-01T00:00:00Z'), rosterPartnerIds: ['a', 'z'] }],
  respondents: [{ waveId: 'w1', partnerId: 'z' }],
};

describe('participation', () => {
  it('names quarters in UTC', () => {
    expect(quarterOf(d('2026-03-31T23:59:59Z'))).toBe('2026-Q1');
    expect(quarterOf(d('2026-04-01T00:00:00Z'))).toBe('2026-Q2');
    expect(quarterOf(d('2025-12-31T12:00:00Z'))).toBe('2025-Q4');
  });

  it('counts hand-computed examples per partner and quarter, partners alphabetically', () => {
    const r = participation(base);
    expect(r.map((p) => p.name)).toEqual(['Atelier', 'Bibliotheek', 'Zorggroep']);
    const [atelier, bib, zorg] = r;
    expect(atelier!.quarters).toEqual([]);
    expect(atelier!.totals).toEqual({
      votesPossible: 0,
      votesCast: 0,
      experiments: 0,
      learnings: 0,
      comments: 0,
      surveyResponses: 0,
      surveysAsked: 0,
    });
    expect(bib!.quarters).toEqual([
      {
        quarter: '2026-Q1',
        votesPossible: 2,
        votesCast: 2,
        experiments: 1,
        learnings: 0,
        comments: 1,
        surveyResponses: 0,
        surveysAsked: 0,
      },
      {
        quarter: '2026-Q2',
        votesPossible: 1,
        votesCast: 0,
        experiments: 1,
        learnings: 1,
        comments: 0,
        surveyResponses: 0,
        surveysAsked: 1,
      },
    ]);
    expect(bib!.totals).toMatchObject({ votesPossible: 3, votesCast: 2, experiments: 2 });
    expect(zorg!.totals).toEqual({
      votesPossible: 2,
      votesCast: 1,
      experiments: 1,
      learnings: 0,
      comments: 1,
      surveyResponses: 1,
      surveysAsked: 1,
    });
  });
});
