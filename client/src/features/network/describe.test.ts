import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { describeSuggestion } from './describe';

const names = new Map([
  ['a', 'Sportclub'],
  ['b', 'Stad Genk'],
]);

describe('describeSuggestion', () => {
  it('phrases an expertise match in Dutch', () => {
    const text = describeSuggestion(
      {
        fromPartnerId: 'a',
        toPartnerId: 'b',
        kind: 'expertise_match',
        score: 1,
        reason: {
          code: 'experiment_needs_expertise',
          params: {
            experimentTitle: 'Zomerschool',
            expertise: ['sport', 'coaching'],
            targetGroups: [],
          },
        },
        text: 'English fallback',
      },
      names,
      (k, p) => translate('nl', k, p),
      'nl',
    );
    expect(text).toBe(
      'Sportclub biedt sport en coaching, wat het experiment “Zomerschool” nodig heeft; verbind hen met Stad Genk.',
    );
  });
  it('falls back to the server text for an unknown reason', () => {
    const s = {
      fromPartnerId: 'a',
      toPartnerId: 'b',
      kind: 'isolated' as const,
      score: 1,
      reason: { code: 'new_reason', params: {} },
      text: 'Server text',
    };
    expect(describeSuggestion(s, names, (k, p) => translate('en', k, p), 'en')).toBe('Server text');
  });
});
