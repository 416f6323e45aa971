import { DEFAULT_POLICY } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { explainViewer } from './viewer';

const en = (k: string, p?: Record<string, string | number>) => translate('en', k, p);
const nl = (k: string, p?: Record<string, string | number>) => translate('nl', k, p);
const names = new Map([
  ['b', 'Bibliotheek Genk'],
  ['s', 'Stad Genk'],
]);
const base = { status: 'open' as const, tier: 'broad' as const, policy: DEFAULT_POLICY };

describe('explainViewer', () => {
  it('tells a broad partner that core partners decide', () => {
    const p = {
      ...base,
      viewer: { partnerId: 'b', canVote: false, reason: 'not_in_electorate' as const },
    };
    expect(explainViewer(p, names, en)).toBe(
      'Core partners decide on broad admissions in this stage.',
    );
    expect(explainViewer(p, names, nl)).toBe(
      'De kernpartners beslissen in deze fase over het toelaten van brede partners.',
    );
  });

  it('names the deciders of an autonomous rule, or the coordinators', () => {
    const viewer = { partnerId: 'b', canVote: false, reason: 'autonomous_not_decider' as const };
    const policy = { ...DEFAULT_POLICY, rule: 'autonomous' as const, deciders: ['s'] };
    expect(explainViewer({ ...base, policy, viewer }, names, en)).toBe(
      'In this stage these partners decide on broad admissions, after the consultation: Stad Genk. You can give advice.',
    );
    expect(
      explainViewer({ ...base, policy: { ...policy, deciders: [] }, viewer }, names, en),
    ).toMatch(/^The coordinators decide on broad/);
  });

  it('tells a coordinator without a partner that she can link herself', () => {
    const p = {
      ...base,
      viewer: { partnerId: null, canVote: false, reason: 'no_partner' as const },
    };
    expect(explainViewer(p, names, en)).toMatch(/A coordinator can link you/);
    expect(explainViewer(p, names, en, true)).toMatch(/As coordinator you can link yourself/);
    expect(explainViewer(p, names, nl, true)).toMatch(/Als coördinator kan je jezelf/);
  });

  it('says nothing when the reader can vote or the proposal is closed', () => {
    const viewer = { partnerId: 's', canVote: true, reason: 'ok' as const };
    expect(explainViewer({ ...base, viewer }, names, en)).toBeNull();
    const closed = {
      ...base,
      status: 'accepted' as const,
      viewer: { ...viewer, canVote: false, reason: 'closed' as const },
    };
    expect(explainViewer(closed, names, en)).toBeNull();
  });
});
