import { DEFAULT_POLICY } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { explainTally, timeLeft } from './explain';

const tx = (k: string, p?: Record<string, string | number>) => translate('en', k, p);
const tally = (o: Partial<Record<string, unknown>>) => ({
  yes: 0,
  no: 0,
  abstain: 0,
  yesWeight: 0,
  noWeight: 0,
  abstainWeight: 0,
  votedWeight: 0,
  totalWeight: 5,
  missing: [],
  ...o,
});
const electorate = ['a', 'b', 'c', 'd', 'e'].map((partnerId) => ({ partnerId, weight: 1 }));
const opts = { formatDate: (s: string) => s.slice(0, 10), deciderNames: [] };

describe('explainTally', () => {
  it('consensus: how many voted, and that one objection blocks', () => {
    const lines = explainTally(
      {
        policy: { ...DEFAULT_POLICY },
        electorate,
        consultationEndsAt: null,
        tally: tally({ missing: ['c', 'd', 'e'] }) as never,
      },
      tx,
      opts,
    );
    expect(lines[0]).toBe('2 of 5 partners have voted; a single objection blocks.');
  });
  it('weighted: quorum and support in words', () => {
    const lines = explainTally(
      {
        policy: { ...DEFAULT_POLICY, rule: 'weighted' },
        electorate,
        consultationEndsAt: null,
        tally: tally({ yesWeight: 2, noWeight: 1, votedWeight: 3 }) as never,
      },
      tx,
      opts,
    );
    expect(lines[0]).toContain('Weight cast 3 of 5 (quorum 50% = 2.50: reached)');
    expect(lines[0]).toContain('Support 67%');
  });
  it('autonomous: until when advice runs and who decides', () => {
    const lines = explainTally(
      {
        policy: { ...DEFAULT_POLICY, rule: 'autonomous' },
        electorate,
        consultationEndsAt: '2026-12-01T10:00:00Z',
        tally: tally({}) as never,
      },
      tx,
      { ...opts, deciderNames: ['Stad Genk'] },
    );
    expect(lines[0]).toBe('Consultation until 2026-12-01; then Stad Genk decide.');
  });
  it('formats the time left', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(timeLeft('2026-01-03T05:00:00Z', now)).toBe('2 d 5 h');
    expect(timeLeft('2026-01-01T02:30:00Z', now)).toBe('2 h 30 min');
    expect(timeLeft('2025-01-01T00:00:00Z', now)).toBe('0 min');
  });
});
