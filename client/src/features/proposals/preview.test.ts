import { DEFAULT_POLICY } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { warningSentences } from './preview';

const en = (k: string, p?: Record<string, string | number>) => translate('en', k, p);
const nl = (k: string, p?: Record<string, string | number>) => translate('nl', k, p);
const electorate = [
  { partnerId: 'a', name: 'Stad Genk', weight: 1, representativeCount: 1 },
  { partnerId: 'b', name: 'Sportclub Genk', weight: 0, representativeCount: 0 },
];

describe('warningSentences', () => {
  it('says why an unrepresented partner blocks a consensus', () => {
    const preview = {
      policy: DEFAULT_POLICY,
      electorate,
      warnings: [{ code: 'UNREPRESENTED' as const, partnerIds: ['b'], blocksAcceptance: true }],
    };
    expect(warningSentences(preview, en)).toEqual([
      'Sportclub Genk has no representative: under consensus without silence-is-consent this proposal cannot be accepted unless someone represents it.',
    ]);
    expect(warningSentences(preview, nl)[0]).toMatch(
      /^Sportclub Genk heeft geen vertegenwoordiger/,
    );
  });

  it('words silence, weight and an empty electorate', () => {
    const preview = {
      policy: { ...DEFAULT_POLICY, silenceIsConsent: true },
      electorate,
      warnings: [
        { code: 'UNREPRESENTED' as const, partnerIds: ['b'], blocksAcceptance: false },
        { code: 'ZERO_WEIGHT' as const, partnerIds: ['b'], blocksAcceptance: false },
        { code: 'EMPTY_ELECTORATE' as const, partnerIds: [], blocksAcceptance: true },
      ],
    };
    expect(warningSentences(preview, en)).toEqual([
      'Sportclub Genk has no representative: nobody can vote for it, so its silence will count as agreement.',
      'Sportclub Genk has weight 0: its vote does not count.',
      'Nobody can vote on this proposal: there are no partners that decide.',
    ]);
  });

  it('names the quorum under the weighted rule', () => {
    const preview = {
      policy: { ...DEFAULT_POLICY, rule: 'weighted' as const },
      electorate,
      warnings: [{ code: 'UNREPRESENTED' as const, partnerIds: ['b'], blocksAcceptance: true }],
    };
    expect(warningSentences(preview, en)[0]).toContain('the quorum cannot be reached');
  });
});
