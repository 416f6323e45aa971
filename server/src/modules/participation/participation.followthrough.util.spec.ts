import { brokerFollowThrough, type Introduction } from './participation.followthrough.util';

const d = (s: string) => new Date(s);
const intro = (id: string, broker: string, a: string, b: string, at: string): Introduction => ({
  connectionId: id,
  brokerId: broker,
  fromPartnerId: a,
  toPartnerId: b,
  acceptedAt: d(at),
});

describe('brokerFollowThrough', () => {
  it('is empty and null-shared with no introductions', () => {
    const r = brokerFollowThrough([], [], []);
    expect(r.overall).toEqual({
      introductions: 0,
      within90Days: 0,
      ever: 0,
      shareWithin90Days: null,
      shareEver: null,
    });
    expect(r.brokers).toEqual([]);
  });

  it('counts hand-computed examples per broker and overall', () => {
    const intros = [
      // c1 (Bea): A–B accepted 1 Jan, shared experiment from 20 Jan → within 90 days.
      intro('c1', 'bea', 'A', 'B', '2026-01-01T00:00:00Z'),
      // c2 (Bea): C–D accepted 1 Jan, D rates C "cooperation" in a wave opening 1 Jun → later.
      intro('c2', 'bea', 'C', 'D', '2026-01-01T00:00:00Z'),
      // c3 (Bo): A–C accepted 1 Feb; only an experiment from BEFORE, and "awareness" → never.
      intro('c3', 'bo', 'A', 'C', '2026-02-01T00:00:00Z'),
      // c4 (Bea): B–D accepted 1 Mar; nothing at all.
      intro('c4', 'bea', 'B', 'D', '2026-03-01T00:00:00Z'),
    ];
    const work = [
      { partnerIds: ['A', 'B', 'E'], at: d('2026-01-20T00:00:00Z') },
      { partnerIds: ['A', 'C'], at: d('2025-12-01T00:00:00Z') },
    ];
    const ratings = [
      {
        raterPartnerId: 'D',
        ratedPartnerId: 'C',
        level: 'cooperation',
        waveOpensAt: d('2026-06-01T00:00:00Z'),
        submittedAt: d('2026-06-03T00:00:00Z'),
      },
      {
        raterPartnerId: 'C',
        ratedPartnerId: 'A',
        level: 'awareness',
        waveOpensAt: d('2026-06-01T00:00:00Z'),
        submittedAt: d('2026-06-03T00:00:00Z'),
      },
      // A wave that opened before c4's acceptance does not count for it.
      {
        raterPartnerId: 'B',
        ratedPartnerId: 'D',
        level: 'collaboration',
        waveOpensAt: d('2026-02-15T00:00:00Z'),
        submittedAt: d('2026-03-02T00:00:00Z'),
      },
    ];
    const r = brokerFollowThrough(intros, work, ratings, [], new Map([['bea', 'Bea']]));
    expect(r.overall).toEqual({
      introductions: 4,
      within90Days: 1,
      ever: 2,
      shareWithin90Days: 0.25,
      shareEver: 0.5,
    });
    expect(r.brokers).toEqual([
      {
        brokerId: 'bea',
        brokerName: 'Bea',
        introductions: 3,
        within90Days: 1,
        ever: 2,
        shareWithin90Days: 1 / 3,
        shareEver: 2 / 3,
      },
      {
        brokerId: 'bo',
        brokerName: null,
        introductions: 1,
        within90Days: 0,
        ever: 0,
        shareWithin90Days: 0,
        shareEver: 0,
      },
    ]);
    const byId = Object.fromEntries(r.introductions.map((o) => [o.connectionId, o]));
    expect(byId.c1).toMatchObject({
      firstCollaborationAt: '2026-01-20T00:00:00.000Z',
      firstCollaborationKind: 'shared_experiment',
    });
    expect(byId.c2).toMatchObject({
      firstCollaborationAt: '2026-06-03T00:00:00.000Z',
      firstCollaborationKind: 'survey_rating',
    });
    expect(byId.c3!.firstCollaborationAt).toBeNull();
    expect(byId.c4!.firstCollaborationAt).toBeNull();
  });

  it('puts the 90-day boundary inclusive and takes the earliest evidence', () => {
    const r = brokerFollowThrough(
      [intro('c1', 'b', 'A', 'B', '2026-01-01T00:00:00Z')],
      [
        { partnerIds: ['B', 'A'], at: d('2026-04-01T00:00:00Z') }, // day 90 exactly
        { partnerIds: ['A', 'B'], at: d('2026-08-01T00:00:00Z') },
      ],
      [],
    );
    expect(r.overall.within90Days).toBe(1);
    expect(r.introductions[0]!.firstCollaborationAt).toBe('2026-04-01T00:00:00.000Z');
    const late = brokerFollowThrough(
      [intro('c1', 'b', 'A', 'B', '2026-01-01T00:00:00Z')],
      [{ partnerIds: ['A', 'B'], at: d('2026-04-02T00:00:00Z') }], // day 91
      [],
    );
    expect(late.overall).toMatchObject({ within90Days: 0, ever: 1 });
  });

  describe('co-editing a document', () => {
    const edit = (documentId: string, partnerId: string, day: string) => ({
      documentId,
      partnerId,
      day: d(`${day}T00:00:00Z`),
    });
    const accepted = intro('c1', 'b', 'A', 'B', '2026-03-10T15:00:00Z');

    it('counts when both sides wrote in one document, dated by the later first day', () => {
      const r = brokerFollowThrough(
        [accepted],
        [],
        [],
        [
          edit('doc', 'A', '2026-03-12'),
          edit('doc', 'A', '2026-03-20'),
          edit('doc', 'B', '2026-03-15'),
          edit('doc', 'B', '2026-03-11'),
        ],
      );
      expect(r.introductions[0]).toMatchObject({
        firstCollaborationAt: '2026-03-12T00:00:00.000Z',
        firstCollaborationKind: 'document_coedit',
      });
    });

    it('counts the acceptance day itself, from the moment of acceptance', () => {
      const r = brokerFollowThrough(
        [accepted],
        [],
        [],
        [edit('doc', 'A', '2026-03-10'), edit('doc', 'B', '2026-03-10')],
      );
      expect(r.introductions[0]!.firstCollaborationAt).toBe('2026-03-10T15:00:00.000Z');
    });

    it('ignores writing before the acceptance, in different documents, or by a third partner', () => {
      const r = brokerFollowThrough(
        [accepted],
        [],
        [],
        [
          edit('old', 'A', '2026-03-01'),
          edit('old', 'B', '2026-03-09'),
          edit('one', 'A', '2026-04-01'),
          edit('two', 'B', '2026-04-01'),
          edit('three', 'A', '2026-04-02'),
          edit('three', 'C', '2026-04-02'),
        ],
      );
      expect(r.introductions[0]!.firstCollaborationAt).toBeNull();
      expect(r.overall.ever).toBe(0);
    });

    it('loses to earlier evidence of another kind', () => {
      const r = brokerFollowThrough(
        [accepted],
        [{ partnerIds: ['A', 'B'], at: d('2026-03-11T00:00:00Z') }],
        [],
        [edit('doc', 'A', '2026-03-12'), edit('doc', 'B', '2026-03-12')],
      );
      expect(r.introductions[0]!.firstCollaborationKind).toBe('shared_experiment');
    });
  });
});
