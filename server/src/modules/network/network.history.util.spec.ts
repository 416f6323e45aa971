import {
  connectionsAt,
  experimentsAt,
  networkInputAt,
  partnersAt,
  type HistoryEvent,
  type HistoryPartner,
} from './network.history.util';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
let seq = 0;
const ev = (
  type: string,
  createdAt: Date,
  subjectId: string | null,
  payload: Record<string, unknown> = {},
): HistoryEvent => ({ seq: ++seq, type, subjectId, payload, createdAt });

const partner = (id: string, extra: Partial<HistoryPartner> = {}): HistoryPartner => ({
  id,
  name: id.toUpperCase(),
  kind: 'organisation',
  tier: 'broad',
  actorType: 'education',
  status: 'active',
  joinedAt: day(1),
  leftAt: null,
  ...extra,
});

const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe('network history replay', () => {
  it('partners are active from their (possibly back-dated) joining until they leave', () => {
    const partners = [
      partner('a', { joinedAt: day(2) }),
      partner('b', { status: 'left', joinedAt: day(5), leftAt: day(20) }),
      partner('c', { joinedAt: day(3) }),
    ];
    const events = [
      // Imported on day 10, joined on day 2 according to the import.
      ev('partner.added', day(10), 'a', { joinedAt: day(2).toISOString() }),
      ev('partner.added', day(5), 'b', {}),
      ev('partner.left', day(20), 'b', { reason: 'moved' }),
      ev('partner.added', day(3), 'c', { joinedAt: day(3).toISOString() }),
    ];
    expect(ids(partnersAt(partners, events, day(1)))).toEqual([]);
    expect(ids(partnersAt(partners, events, day(2)))).toEqual(['a']);
    expect(ids(partnersAt(partners, events, day(6)))).toEqual(['a', 'b', 'c']);
    expect(ids(partnersAt(partners, events, day(20)))).toEqual(['a', 'c']);
  });

  it('a partner re-admitted after leaving is back from then on; a rejected candidate never shows', () => {
    const partners = [partner('a'), partner('x', { status: 'rejected', joinedAt: null })];
    const events = [
      ev('partner.added', day(1), 'a'),
      ev('partner.left', day(4), 'a'),
      ev('proposal.closed', day(8), 'p1', { status: 'accepted', candidatePartnerId: 'a' }),
      ev('partner.updated', day(9), 'x', {
        changes: { status: { from: 'candidate', to: 'rejected' } },
      }),
    ];
    expect(ids(partnersAt(partners, events, day(3)))).toEqual(['a']);
    expect(ids(partnersAt(partners, events, day(5)))).toEqual([]);
    expect(ids(partnersAt(partners, events, day(8)))).toEqual(['a']);
    expect(ids(partnersAt(partners, events, day(10)))).toEqual(['a']);
  });

  it('without any joining event a partner falls back to its joinedAt/leftAt columns', () => {
    const partners = [
      partner('old', { status: 'left', joinedAt: day(2), leftAt: day(6) }),
      partner('cand', { status: 'candidate', joinedAt: null }),
    ];
    expect(ids(partnersAt(partners, [], day(1)))).toEqual([]);
    expect(ids(partnersAt(partners, [], day(3)))).toEqual(['old']);
    expect(ids(partnersAt(partners, [], day(6)))).toEqual([]);
  });

  it('tier, actor type and kind are those of the moment; the name is today’s', () => {
    const partners = [partner('a', { tier: 'core', actorType: 'sports', name: 'Renamed' })];
    const events = [
      ev('partner.added', day(1), 'a', { tier: 'broad' }),
      ev('partner.updated', day(5), 'a', { changes: { tier: { from: 'broad', to: 'core' } } }),
      ev('partner.updated', day(7), 'a', {
        changes: {
          actorType: { from: 'youth_work', to: 'sports' },
          name: { from: 'A', to: 'Renamed' },
        },
      }),
    ];
    expect(partnersAt(partners, events, day(2))).toEqual([
      { id: 'a', name: 'Renamed', kind: 'organisation', tier: 'broad', actorType: 'youth_work' },
    ]);
    expect(partnersAt(partners, events, day(6))[0]).toMatchObject({
      tier: 'core',
      actorType: 'youth_work',
    });
    expect(partnersAt(partners, events, day(8))[0]).toMatchObject({
      tier: 'core',
      actorType: 'sports',
    });
  });

  it('connections count from their acceptance', () => {
    const events = [
      ev('connection.accepted', day(4), 'c1', { fromPartnerId: 'a', toPartnerId: 'b' }),
      ev('connection.accepted', day(9), 'c2', { fromPartnerId: 'b', toPartnerId: 'c' }),
      ev('connection.accepted', day(2), 'c3', {}),
    ];
    expect(connectionsAt(events, day(3))).toEqual([]);
    expect(connectionsAt(events, day(4))).toEqual([{ fromPartnerId: 'a', toPartnerId: 'b' }]);
    expect(connectionsAt(events, day(10))).toHaveLength(2);
  });

  it('experiments carry the partners and status they had, and their last change', () => {
    const events = [
      ev('experiment.created', day(2), 'e1', { status: 'idea', partnerIds: ['a'] }),
      ev('experiment.updated', day(4), 'e1', { partnerIds: ['a', 'b'], fields: ['partnerIds'] }),
      ev('experiment.status_changed', day(5), 'e1', { from: 'idea', to: 'running' }),
      ev('experiment.learning_added', day(7), 'e1', { text: 'x' }),
      ev('experiment.updated', day(8), 'e1', { fields: ['title'] }),
      ev('experiment.created', day(6), 'e2', { partnerIds: ['c'] }),
    ];
    expect(experimentsAt(events, day(1))).toEqual([]);
    expect(experimentsAt(events, day(3))).toEqual([
      { id: 'e1', status: 'idea', partnerIds: ['a'], lastChangedAt: day(2) },
    ]);
    expect(experimentsAt(events, day(5))).toEqual([
      { id: 'e1', status: 'running', partnerIds: ['a', 'b'], lastChangedAt: day(5) },
    ]);
    expect(experimentsAt(events, day(9))).toEqual([
      { id: 'e1', status: 'running', partnerIds: ['a', 'b'], lastChangedAt: day(8) },
      { id: 'e2', status: 'idea', partnerIds: ['c'], lastChangedAt: day(6) },
    ]);
  });

  it('assembles buildNetwork’s input for the moment', () => {
    const partners = [partner('a'), partner('b')];
    const events = [
      ev('partner.added', day(1), 'a'),
      ev('partner.added', day(3), 'b'),
      ev('connection.accepted', day(4), 'c', { fromPartnerId: 'a', toPartnerId: 'b' }),
    ];
    const input = networkInputAt(partners, events, day(5));
    expect(input).toEqual({
      partners: [
        { id: 'a', name: 'A', kind: 'organisation', tier: 'broad', actorType: 'education' },
        { id: 'b', name: 'B', kind: 'organisation', tier: 'broad', actorType: 'education' },
      ],
      connections: [{ fromPartnerId: 'a', toPartnerId: 'b' }],
      experiments: [],
      now: day(5),
    });
  });
});
