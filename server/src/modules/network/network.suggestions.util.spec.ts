import { type ActorType } from '@coalesce/shared';
import {
  normaliseTag,
  suggestConnections,
  type SuggestionConnection,
  type SuggestionExperiment,
  type SuggestionInput,
  type SuggestionPartner,
} from './network.suggestions.util';

const p = (
  id: string,
  name: string,
  actorType: ActorType,
  expertise: string[] = [],
  targetGroups: string[] = [],
): SuggestionPartner => ({ id, name, actorType, contributions: { expertise, targetGroups } });

/*
 * A small Genk-like network:
 *   p2 Town hall leads "Repair café" (with p3 Youth club); it needs digital literacy and welding,
 *   for seniors. p3–p4 are connected. p1 School offers digital literacy; p6 Maker offers WELDING;
 *   p4 Care home reaches seniors; p1 and p5 Sports club both reach teenagers. A stopped experiment
 *   needs gardening, which p5 offers: it must not count.
 * Ties: p2–p3 (experiment), p3–p4 (connection). Degrees: p3 = 2; p2, p4 = 1; p1, p5, p6 = 0.
 */
const partners = [
  p('p1', 'School', 'education', ['Digital literacy', 'math'], ['teenagers']),
  p('p2', 'Town hall', 'local_government'),
  p('p3', 'Youth club', 'youth_work'),
  p('p4', 'Care home', 'care_welfare', [], ['Seniors ']),
  p('p5', 'Sports club', 'sports', ['gardening'], ['Teenagers']),
  p('p6', 'Maker', 'entrepreneur', ['  WELDING']),
];
const repairCafe: SuggestionExperiment = {
  id: 'x1',
  title: 'Repair café',
  status: 'running',
  leadPartnerId: 'p2',
  partnerIds: ['p2', 'p3'],
  neededExpertise: ['digital literacy', 'Welding'],
  targetGroups: ['seniors'],
};
const stopped: SuggestionExperiment = {
  id: 'x2',
  title: 'Community garden',
  status: 'stopped',
  leadPartnerId: 'p1',
  partnerIds: ['p1'],
  neededExpertise: ['Gardening'],
  targetGroups: [],
};
const scenario = (connections: SuggestionConnection[] = []): SuggestionInput => ({
  partners,
  experiments: [repairCafe, stopped],
  connections: [{ fromPartnerId: 'p3', toPartnerId: 'p4', status: 'accepted' }, ...connections],
});
const pairs = (input: SuggestionInput) =>
  suggestConnections(input).map((s) => `${s.fromPartnerId}>${s.toPartnerId}:${s.kind}:${s.score}`);

describe('suggestConnections', () => {
  it('suggests the partner offering an experiment’s needed expertise, with the reason', () => {
    const school = suggestConnections(scenario()).find(
      (s) => s.fromPartnerId === 'p1' && s.toPartnerId === 'p2',
    );
    expect(school).toEqual({
      fromPartnerId: 'p1',
      toPartnerId: 'p2',
      kind: 'expertise_match',
      score: 7,
      reason: {
        code: 'experiment_needs_expertise',
        params: {
          experimentId: 'x1',
          experimentTitle: 'Repair café',
          expertise: ['digital literacy'],
          targetGroups: [],
          contact: 'lead',
        },
      },
      text:
        'School offers the digital literacy expertise that the experiment "Repair café" needs; ' +
        'connect them with Town hall, its lead.',
    });
  });

  it('ranks the whole seeded scenario deterministically', () => {
    // Hand-ranked by score, then ids: expertise matches score 4 + 3 per expertise + 1 per target
    // group; isolated partners 5, towards the only well-connected partner p3 (degree 2); the
    // shared audience 1 + 1 per group. p2 and p4 are peripheral but p3 is already their neighbour.
    expect(pairs(scenario())).toEqual([
      'p1>p2:expertise_match:7',
      'p6>p2:expertise_match:7',
      'p1>p3:isolated:5',
      'p4>p2:expertise_match:5',
      'p5>p3:isolated:5',
      'p6>p3:isolated:5',
      'p1>p5:shared_target_group:2',
    ]);
    const care = suggestConnections(scenario()).find((s) => s.fromPartnerId === 'p4')!;
    expect(care.reason).toMatchObject({
      code: 'experiment_reaches_target_group',
      params: { expertise: [], targetGroups: ['seniors'] },
    });
    expect(care.text).toBe(
      'Care home offers access to seniors that the experiment "Repair café" needs; ' +
        'connect them with Town hall, its lead.',
    );
  });

  it.each<[string, SuggestionConnection['status']]>([
    ['an open connection', 'proposed'],
    ['an accepted connection', 'accepted'],
    ['a declined connection (the partners already answered)', 'declined'],
  ])('never suggests a pair that already has %s', (_name, status) => {
    const result = pairs(scenario([{ fromPartnerId: 'p2', toPartnerId: 'p1', status }]));
    expect(result.some((s) => s.startsWith('p1>p2') || s.startsWith('p2>p1'))).toBe(false);
  });

  it('falls back to the first partner without a lead, and ignores finished experiments', () => {
    const input = { ...scenario(), experiments: [{ ...repairCafe, leadPartnerId: null }, stopped] };
    const maker = suggestConnections(input).find((s) => s.fromPartnerId === 'p6')!;
    expect(maker).toMatchObject({
      toPartnerId: 'p2',
      reason: { params: { contact: 'first_partner', expertise: ['Welding'] } },
    });
    expect(maker.text).toContain('one of its partners');
    // The stopped garden needs p5's gardening, yet p5 is only suggested for being isolated.
    expect(pairs(input).filter((s) => s.startsWith('p5>'))).toEqual(['p5>p3:isolated:5']);
  });

  it('suggests shared target groups only without any tie', () => {
    // p1 and p5 share teenagers; once they share an experiment the suggestion disappears.
    const shared = suggestConnections(scenario()).find((s) => s.kind === 'shared_target_group')!;
    expect(shared.reason).toEqual({
      code: 'shared_target_group',
      params: { targetGroups: ['teenagers'] },
    });
    expect(shared.text).toBe('School and Sports club both reach teenagers but have no tie yet.');
    const together = {
      ...scenario(),
      experiments: [
        repairCafe,
        { ...stopped, id: 'x3', status: 'idea' as const, partnerIds: ['p1', 'p5'] },
      ],
    };
    expect(pairs(together).some((s) => s.includes('shared_target_group'))).toBe(false);
  });

  it('links a peripheral partner to a well-connected partner of another actor type', () => {
    // Everyone is sports except B (arts). H (degree 3) and O (degree 2, betweenness 1) are better
    // connected than B (degree 2, betweenness ½), but the lone sports partner L needs another type.
    const input: SuggestionInput = {
      partners: [
        p('H', 'Hub', 'sports'),
        p('S1', 'S1', 'sports'),
        p('S2', 'S2', 'sports'),
        p('O', 'O', 'sports'),
        p('B', 'Bridge', 'arts_culture'),
        p('L', 'Lone', 'sports'),
      ],
      experiments: [],
      connections: [
        { fromPartnerId: 'H', toPartnerId: 'S1', status: 'accepted' },
        { fromPartnerId: 'H', toPartnerId: 'S2', status: 'accepted' },
        { fromPartnerId: 'H', toPartnerId: 'O', status: 'accepted' },
        { fromPartnerId: 'O', toPartnerId: 'B', status: 'accepted' },
        { fromPartnerId: 'S1', toPartnerId: 'B', status: 'accepted' },
      ],
    };
    const lone = suggestConnections(input).find((s) => s.fromPartnerId === 'L')!;
    expect(lone).toMatchObject({
      toPartnerId: 'B',
      kind: 'isolated',
      score: 5,
      reason: {
        code: 'isolated',
        params: { degree: 0, actorType: 'sports', hubDegree: 2, hubActorType: 'arts_culture' },
      },
      text: 'Lone has no ties in the network; Bridge (arts culture) is tied to 2 partners.',
    });
    // S2 (degree 1, sports) is peripheral: not to H (neighbour, same type) but to B.
    expect(suggestConnections(input).find((s) => s.fromPartnerId === 'S2')).toMatchObject({
      toPartnerId: 'B',
      reason: { code: 'peripheral', params: { degree: 1 } },
      score: 3,
    });
  });

  it('prefers betweenness when degrees tie', () => {
    const input: SuggestionInput = {
      partners: [
        p('A', 'A', 'other'),
        p('B', 'B', 'other'),
        p('C', 'C', 'education'),
        p('D', 'D', 'other'),
        p('E', 'E', 'other'),
        p('G', 'G', 'education'),
        p('L', 'Lone', 'sports'),
      ],
      experiments: [],
      // Path A–B–C–D–E and a triangle tail: G tied to A and B (degree 2, betweenness 0).
      connections: ['A-B', 'B-C', 'C-D', 'D-E', 'G-A', 'G-B'].map((pair) => {
        const [fromPartnerId, toPartnerId] = pair.split('-');
        return { fromPartnerId: fromPartnerId!, toPartnerId: toPartnerId!, status: 'accepted' };
      }),
    };
    // B has degree 3 and wins outright; excluding B via a declined connection leaves C vs G and D.
    expect(suggestConnections(input).find((s) => s.fromPartnerId === 'L')?.toPartnerId).toBe('B');
    const withoutB = {
      ...input,
      connections: [
        ...input.connections,
        { fromPartnerId: 'L', toPartnerId: 'B', status: 'declined' as const },
      ],
    };
    // C (degree 2, betweenness 6: {A,B,G}×{D,E}) beats D (2, betweenness 4) and G (2, 0).
    expect(suggestConnections(withoutB).find((s) => s.fromPartnerId === 'L')?.toPartnerId).toBe(
      'C',
    );
  });

  it('never suggests a partner to itself, ignores absent partners, honours the limit', () => {
    const input: SuggestionInput = {
      ...scenario(),
      experiments: [{ ...repairCafe, partnerIds: ['p2', 'p3', 'gone'], leadPartnerId: 'gone' }],
    };
    const all = suggestConnections(input);
    expect(all.every((s) => s.fromPartnerId !== s.toPartnerId)).toBe(true);
    expect(all.every((s) => s.fromPartnerId !== 'gone' && s.toPartnerId !== 'gone')).toBe(true);
    expect(suggestConnections(input, { limit: 2 })).toEqual(all.slice(0, 2));
  });

  it('keeps the best five partners per experiment', () => {
    // Eight outsiders offer the needed "x"; q6 and q7 also reach the audience, so they rank first.
    const outsiders = Array.from({ length: 8 }, (_, i) =>
      p(`q${i}`, `Q${i}`, 'other', ['X'], i >= 6 ? ['youth'] : []),
    );
    const input: SuggestionInput = {
      partners: [p('lead', 'Lead', 'education'), ...outsiders],
      experiments: [
        {
          ...repairCafe,
          leadPartnerId: 'lead',
          partnerIds: ['lead'],
          neededExpertise: ['x'],
          targetGroups: ['Youth'],
        },
      ],
      connections: [{ fromPartnerId: 'q0', toPartnerId: 'lead', status: 'proposed' }],
    };
    // q0 is already being connected, so it does not take a place: q6, q7 (score 8), then q1–q3 (7).
    expect(pairs(input).filter((s) => s.includes('expertise_match'))).toEqual([
      'q6>lead:expertise_match:8',
      'q7>lead:expertise_match:8',
      'q1>lead:expertise_match:7',
      'q2>lead:expertise_match:7',
      'q3>lead:expertise_match:7',
    ]);
  });

  it('keeps the best three shared-audience partners per partner', () => {
    // Six untied partners all reach teens. Each picks three others (lowest ids on equal overlap):
    // r0→r1,r2,r3; r1→r0,r2,r3; r2→r0,r1,r3; r3, r4, r5→r0,r1,r2. Pairs r3–r4, r3–r5, r4–r5 drop out.
    const input: SuggestionInput = {
      partners: Array.from({ length: 6 }, (_, i) => p(`r${i}`, `R${i}`, 'other', [], ['teens'])),
      experiments: [],
      connections: [],
    };
    expect(
      pairs(input)
        .map((s) => s.split(':')[0])
        .sort(),
    ).toEqual([
      'r0>r1',
      'r0>r2',
      'r0>r3',
      'r0>r4',
      'r0>r5',
      'r1>r2',
      'r1>r3',
      'r1>r4',
      'r1>r5',
      'r2>r3',
      'r2>r4',
      'r2>r5',
    ]);
  });

  it('does not depend on input order', () => {
    const input = scenario();
    const reversed: SuggestionInput = {
      partners: [...input.partners].reverse(),
      experiments: [...input.experiments].reverse(),
      connections: [...input.connections].reverse(),
    };
    expect(suggestConnections(reversed)).toEqual(suggestConnections(input));
  });

  it('matches tags case-insensitively, whatever the spacing', () => {
    expect(normaliseTag('  Digital   Literacy ')).toBe(normaliseTag('digital literacy'));
    expect(normaliseTag('CAFÉ')).toBe(normaliseTag('cafe\u0301'));
  });
});
