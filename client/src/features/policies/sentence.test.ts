import { DEFAULT_POLICY } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { fromPercent, ruleSentences, toPercent } from './sentence';

const en = (k: string, p?: Record<string, string | number>) => translate('en', k, p);
const nl = (k: string, p?: Record<string, string | number>) => translate('nl', k, p);

describe('ruleSentences', () => {
  it('reads a weighted rule back with percentages', () => {
    const policy = {
      ...DEFAULT_POLICY,
      rule: 'weighted' as const,
      quorum: 0.5,
      supportThreshold: 0.6,
    };
    expect(ruleSentences(policy, [], en)).toEqual([
      'Core partners vote.',
      'Accepted when at least 50 % of the weight has voted and more than 60 % of yes+no weight is yes.',
      'Voting stays open for 7 days (168 hours).',
    ]);
    expect(ruleSentences(policy, [], nl)[1]).toBe(
      'Aanvaard als minstens 50 % van het gewicht gestemd heeft en meer dan 60 % van het ja+nee-gewicht ja is.',
    );
  });

  it('says what silence means under consensus', () => {
    const silent = ruleSentences(
      { ...DEFAULT_POLICY, silenceIsConsent: true, electorate: 'all' },
      [],
      en,
    );
    expect(silent[0]).toBe('All active partners vote.');
    expect(silent[2]).toBe('Partners who have not voted when voting closes count as agreeing.');
    expect(ruleSentences(DEFAULT_POLICY, [], en)[2]).toBe(
      'Every partner has to vote yes: not voting blocks too.',
    );
  });

  it('names the deciders of an autonomous rule, or says the coordinators decide', () => {
    const policy = { ...DEFAULT_POLICY, rule: 'autonomous' as const, consultationHours: 48 };
    expect(ruleSentences(policy, ['Stad Genk', 'CLB', 'De Regenboog'], en)).toEqual([
      'After 48 hours of consultation these partners decide: Stad Genk, CLB and De Regenboog.',
      'They decide within 7 days (168 hours) after the proposal opens.',
    ]);
    expect(ruleSentences(policy, [], en)).toEqual([
      'After 48 hours of consultation, the coordinators decide.',
      'They decide within 7 days (168 hours) after the proposal opens.',
    ]);
  });

  it('says durations in days when they are whole days, else in hours', () => {
    const voting = (votingHours: number, tx = en) =>
      ruleSentences({ ...DEFAULT_POLICY, votingHours }, [], tx).at(-1);
    expect(voting(1)).toBe('Voting stays open for 1 hour.');
    expect(voting(24)).toBe('Voting stays open for 24 hours.');
    expect(voting(36)).toBe('Voting stays open for 36 hours.');
    expect(voting(72, nl)).toBe('De stemming blijft 3 dagen (72 uur) open.');
  });
});

describe('percentages', () => {
  it('round-trip the API fractions', () => {
    expect(toPercent(0.605)).toBe(60.5);
    expect(fromPercent(60.5)).toBe(0.605);
    expect(fromPercent(toPercent(0.1))).toBe(0.1);
  });
});
