import { RESEARCH_CODEBOOK, researchColumns, type BrokerFollowThroughDto } from '@coalesce/shared';
import {
  codebookRecords,
  datasetReadme,
  followThroughRows,
  surveyRows,
  type WaveData,
} from './research.dataset.util';
import { newPseudonymKey, pseudonymOf, type Pseudonymisation } from './research.tables.util';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const U = 'dddddddd-0000-4000-8000-000000000004';
const day = (d: number) => new Date(Date.UTC(2025, 0, d));
const tie = (partnerId: string, n: number) => ({
  partnerId,
  worksWith: true,
  level: 'coordination' as const,
  trust: { reliability: n, missionSupport: n, openness: n + 1 },
  value: { influence: n, involvement: n, resourceContribution: n },
  contributions: ['expertise' as const, 'capacity' as const],
});
const none = { value: null, raters: 0 };

function wave(id: string, opens: number, closes: number, extra: Partial<WaveData> = {}): WaveData {
  return {
    id,
    title: `Wave ${id} with Ann Peeters`,
    status: 'closed',
    opensAt: day(opens),
    closesAt: day(closes),
    closedAt: day(closes),
    declaredStage: 'catalysing_initiating',
    roster: [
      { partnerId: A, name: 'Alpha' },
      { partnerId: B, name: 'Ann Peeters' },
      { partnerId: C, name: 'Gamma' },
    ],
    responses: [
      {
        partnerId: A,
        ties: [tie(B, 2), { partnerId: C, worksWith: false }],
        stage: { vision_forming: 3, roles_discussed: 2 },
        submittedAt: day(opens + 1),
      },
    ],
    scores: {
      network: {
        respondents: 1,
        rosterSize: 3,
        density: null,
        reciprocity: null,
        trust: null,
        value: null,
      },
      partners: [
        { partnerId: B, name: 'Ann Peeters', trust: { value: 2.333, raters: 3 }, value: none },
      ],
      stageProfile: {
        byStage: {
          hypothesis_vision: { value: 3, raters: 3 },
          catalysing_initiating: none,
          dynamic_experimentation: none,
          mainstreaming_sustaining: none,
        },
        strongest: 'hypothesis_vision',
      },
      previous: null,
    },
    ...extra,
  };
}

describe('surveyRows', () => {
  it('flattens a wave into the codebook’s rows, with trust and value as the items’ means', () => {
    const t = surveyRows([wave('w1', 1, 10)], {});
    for (const [table, rows] of Object.entries(t)) {
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(researchColumns(table as keyof typeof t));
      }
    }
    expect(t.waves[0]).toMatchObject({ id: 'w1', rosterSize: 3, respondents: 1 });
    expect(t.responses).toEqual([
      expect.objectContaining({
        rater: A,
        rated: B,
        level: 'coordination',
        openness: 3,
        // (2 + 2 + 3) / 3, rounded to 3 decimals
        trust: 2.333,
        value: 2,
        contributions: 'expertise;capacity',
      }),
      expect.objectContaining({ rater: A, rated: C, worksWith: false, level: null, trust: null }),
    ]);
    expect(t.stage_ratings).toEqual([
      {
        waveId: 'w1',
        rater: A,
        stage: 'hypothesis_vision',
        statement: 'vision_forming',
        rating: 3,
      },
      {
        waveId: 'w1',
        rater: A,
        stage: 'catalysing_initiating',
        statement: 'roles_discussed',
        rating: 2,
      },
    ]);
    expect(t.partner_scores[0]).toMatchObject({ partner: B, label: 'Ann Peeters', trust: 2.333 });
    expect(t.stage_profiles).toHaveLength(4);
    expect(t.stage_profiles.filter((s) => s.strongest).map((s) => s.stage)).toEqual([
      'hypothesis_vision',
    ]);
  });

  it('keeps the waves whose span overlaps the period, oldest first', () => {
    const waves = [wave('late', 20, 30), wave('early', 1, 10)];
    const ids = (from?: number, to?: number) =>
      surveyRows(waves, {
        from: from && day(from).getTime(),
        to: to && day(to).getTime(),
      }).waves.map((w) => w.id);
    expect(ids()).toEqual(['early', 'late']);
    expect(ids(11, 19)).toEqual([]);
    expect(ids(5)).toEqual(['early', 'late']);
    expect(ids(undefined, 5)).toEqual(['early']);
    expect(ids(25)).toEqual(['late']);
  });

  it('pseudonymised: partners become the same pseudonyms as in nodes; titles lose names', () => {
    const ps: Pseudonymisation = {
      key: newPseudonymKey(),
      named: new Set([A, C]),
      sensitive: ['Ann Peeters'],
    };
    const t = surveyRows([wave('w1', 1, 10)], { pseudonymise: ps });
    expect(t.waves[0]!.title).toBe('Wave w1 with [redacted]');
    expect(t.responses[0]).toMatchObject({
      rater: pseudonymOf(ps.key, A),
      rated: pseudonymOf(ps.key, B),
    });
    expect(t.partner_scores[0]).toMatchObject({
      partner: pseudonymOf(ps.key, B),
      label: pseudonymOf(ps.key, B),
    });
    expect(JSON.stringify(t)).not.toContain('Ann Peeters');
    expect(JSON.stringify(t)).not.toContain(B);
  });
});

describe('followThroughRows', () => {
  const f: BrokerFollowThroughDto = {
    windowDays: 90,
    overall: { introductions: 2, within90Days: 1, ever: 2, shareWithin90Days: 0.5, shareEver: 1 },
    brokers: [
      {
        brokerId: U,
        brokerName: 'Bruno',
        introductions: 2,
        within90Days: 1,
        ever: 2,
        shareWithin90Days: 0.5,
        shareEver: 1,
      },
    ],
    introductions: [
      {
        connectionId: 'c1',
        brokerId: U,
        fromPartnerId: A,
        toPartnerId: B,
        acceptedAt: day(1).toISOString(),
        firstCollaborationAt: day(91).toISOString(),
        firstCollaborationKind: 'shared_experiment',
      },
      {
        connectionId: 'c2',
        brokerId: U,
        fromPartnerId: A,
        toPartnerId: C,
        acceptedAt: day(1).toISOString(),
        firstCollaborationAt: day(120).toISOString(),
        firstCollaborationKind: 'survey_rating',
      },
    ],
  };

  it('flattens the tallies and marks each introduction within the window or not', () => {
    const t = followThroughRows(f, {});
    expect(t.follow_through).toEqual([
      {
        windowDays: 90,
        introductions: 2,
        withinWindow: 1,
        ever: 2,
        shareWithinWindow: 0.5,
        shareEver: 1,
      },
    ]);
    expect(t.broker_follow_through[0]).toMatchObject({ broker: U, brokerLabel: 'Bruno' });
    // Day 1 → day 91 is exactly 90 days: within; day 120 is not.
    expect(t.introductions.map((i) => [i.edgeId, i.withinWindow])).toEqual([
      ['c-c1', true],
      ['c-c2', false],
    ]);
    for (const [table, rows] of Object.entries(t)) {
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(researchColumns(table as keyof typeof t));
      }
    }
  });

  it('pseudonymised: a broker is a person, always a pseudonym; edge ids as in edges.csv', () => {
    const ps: Pseudonymisation = {
      key: newPseudonymKey(),
      named: new Set([A, B, C]),
      sensitive: [],
    };
    const t = followThroughRows(f, { pseudonymise: ps });
    expect(t.broker_follow_through[0]).toMatchObject({
      broker: pseudonymOf(ps.key, U),
      brokerLabel: pseudonymOf(ps.key, U),
    });
    expect(t.introductions[0]!.edgeId).toBe(`c-${pseudonymOf(ps.key, 'c-c1').slice(2)}`);
    expect(JSON.stringify(t)).not.toContain('Bruno');
  });
});

describe('codebook and README', () => {
  it('codebook.csv has a row per field of every table', () => {
    const records = codebookRecords(RESEARCH_CODEBOOK);
    expect(records).toHaveLength(RESEARCH_CODEBOOK.reduce((n, t) => n + t.fields.length, 0));
    expect(records.find((r) => r.table === 'responses' && r.field === 'level')).toMatchObject({
      type: 'enum',
      allowedValues: 'awareness;cooperation;coordination;collaboration',
      individual: true,
    });
  });

  it('the README names what was withheld, in both languages', () => {
    const text = datasetReadme(
      {
        exportedAt: '2025-01-01T00:00:00.000Z',
        from: null,
        to: '2025-03-31T23:59:59.999Z',
        pseudonymised: false,
        withheld: ['responses'],
        files: [{ file: 'waves.csv', nl: 'Rondes', en: 'Waves' }],
      },
      3,
    );
    expect(text).toContain('Left out: responses.');
    expect(text).toContain('Weggelaten: responses.');
    expect(text).toContain('Period: … – 2025-03-31T23:59:59.999Z');
    expect(text).toContain('  waves.csv: Waves');
    expect(text).toContain('  waves.csv: Rondes');
    const all = datasetReadme(
      {
        exportedAt: '2025-01-01T00:00:00.000Z',
        from: null,
        to: null,
        pseudonymised: true,
        withheld: [],
        files: [],
      },
      3,
    );
    expect(all).toContain('Period: the whole history.');
    expect(all).toContain('Tijdvak: de hele geschiedenis.');
    expect(all).toContain('Nothing was left out.');
  });
});
