import { xmlEscape } from './research.gexf.util';
import {
  buildTables,
  newPseudonymKey,
  overlaps,
  pseudonymOf,
  redact,
  tableRows,
  type TableEvent,
  type TablePartner,
} from './research.tables.util';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const X = 'eeeeeeee-0000-4000-8000-000000000009';
const day = (d: number) => new Date(Date.UTC(2025, 0, d));
const partner = (id: string, name: string, extra: Partial<TablePartner> = {}): TablePartner => ({
  id,
  name,
  kind: 'organisation',
  tier: 'broad',
  actorType: 'education',
  joinedAt: null,
  leftAt: null,
  ...extra,
});
let seq = 0;
const ev = (type: string, d: number, subjectId: string, payload: object = {}): TableEvent => ({
  seq: ++seq,
  type,
  subjectId,
  payload: payload as Record<string, unknown>,
  createdAt: day(d),
});

describe('research tables', () => {
  const partners = [
    partner(A, 'Alpha'),
    partner(B, 'Bea', { kind: 'individual' }),
    // No event at all (data from before the log): the columns decide.
    partner(C, 'Gamma', { joinedAt: day(2), leftAt: day(20) }),
  ];
  const events = [
    // Imported with an earlier join date: the payload's date wins over the event's time.
    ev('partner.added', 5, A, { joinedAt: day(1).toISOString() }),
    ev('partner.added', 3, B),
    ev('connection.accepted', 6, 'conn-1', { fromPartnerId: A, toPartnerId: B }),
    ev('experiment.created', 7, X, { title: 'Pilot', partnerIds: [A, B, C], status: 'idea' }),
    ev('experiment.updated', 9, X, { partnerIds: [A, B] }),
    ev('experiment.status_changed', 12, X, { to: 'stopped', partnerIds: [A, B] }),
    ev('partner.left', 15, B, { leftAt: day(14).toISOString() }),
  ];

  it('nodes: activity intervals from the log, or the columns without events', () => {
    const { nodes } = buildTables(partners, events);
    const by = Object.fromEntries(nodes.map((n) => [n.partner.id, n.interval]));
    expect(by[A]).toEqual({ start: day(1).getTime(), end: null });
    expect(by[B]).toEqual({ start: day(3).getTime(), end: day(14).getTime() });
    expect(by[C]).toEqual({ start: day(2).getTime(), end: day(20).getTime() });
  });

  it('edges: a connection until a side leaves; experiment pairs until taken off or stopped', () => {
    const { edges } = buildTables(partners, events);
    const simple = edges
      .map((e) => ({
        kind: e.kind,
        pair: [e.source, e.target].sort().join('|'),
        start: new Date(e.interval.start).getUTCDate(),
        end: e.interval.end === null ? null : new Date(e.interval.end).getUTCDate(),
      }))
      .sort((a, b) => (a.kind + a.pair < b.kind + b.pair ? -1 : 1));
    expect(simple).toEqual([
      { kind: 'connection', pair: `${A}|${B}`, start: 6, end: 14 },
      { kind: 'shared_experiment', pair: `${A}|${B}`, start: 7, end: 12 },
      { kind: 'shared_experiment', pair: `${A}|${C}`, start: 7, end: 9 },
      { kind: 'shared_experiment', pair: `${B}|${C}`, start: 7, end: 9 },
    ]);
    expect(edges.find((e) => e.kind === 'shared_experiment')!.label).toBe('Pilot');
  });

  it('the date range keeps what overlaps it; edges need both ends kept', () => {
    expect(overlaps({ start: 10, end: 20 }, 20, 30)).toBe(true);
    expect(overlaps({ start: 10, end: 20 }, 21, 30)).toBe(false);
    expect(overlaps({ start: 10, end: null }, 100)).toBe(true);
    expect(overlaps({ start: 10, end: null }, undefined, 9)).toBe(false);
    const rows = tableRows(buildTables(partners, events), { from: day(15).getTime() });
    expect(rows.nodes.map((n) => n.label).sort()).toEqual(['Alpha', 'Gamma']);
    expect(rows.edges).toEqual([]);
  });

  it('pseudonyms: stable within an export, different across exports; texts redacted', () => {
    const k1 = newPseudonymKey();
    const k2 = newPseudonymKey();
    expect(pseudonymOf(k1, A)).toBe(pseudonymOf(k1, A));
    expect(pseudonymOf(k1, A)).not.toBe(pseudonymOf(k2, A));
    expect(pseudonymOf(k1, A)).toMatch(/^P-[0-9a-f]{10}$/);
    expect(redact('Pilot met Bea (bea.j@x.org) en BEA JANSEN', ['Bea', 'Bea Jansen'])).toBe(
      'Pilot met [redacted] ([redacted]) en [redacted]',
    );
    const rows = tableRows(buildTables(partners, events), {
      pseudonymise: { key: k1, named: new Set([A]), sensitive: ['Bea', 'Pilot'] },
    });
    const bea = rows.nodes.find((n) => n.kind === 'individual')!;
    expect(bea).toMatchObject({
      id: pseudonymOf(k1, B),
      label: pseudonymOf(k1, B),
      pseudonymised: true,
    });
    expect(rows.nodes.find((n) => n.label === 'Alpha')!.pseudonymised).toBe(false);
    expect(JSON.stringify(rows)).not.toMatch(/Bea|Pilot|aaaaaaaa|bbbbbbbb/);
  });

  it('XML escaping: entities, and characters XML cannot carry are dropped', () => {
    expect(xmlEscape(`a<b>&"c"'d'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
  });
});
