import { describe, expect, it } from 'vitest';
import { statusTone, tierTone, withFilter } from './filters';

describe('withFilter', () => {
  it('sets one filter and keeps the others', () => {
    expect(withFilter({ tier: 'core' }, 'status', 'active')).toEqual({
      tier: 'core',
      status: 'active',
    });
  });

  it('drops a filter set back to all', () => {
    const next = withFilter({ tier: 'core', status: 'active' }, 'tier', '');
    expect(next.tier).toBeUndefined();
    expect(next.status).toBe('active');
  });
});

describe('badge tones', () => {
  it('marks core partners and each status', () => {
    expect(tierTone('core')).toBe('brand');
    expect(tierTone('broad')).toBe('slate');
    expect(statusTone('active')).toBe('brand');
    expect(statusTone('candidate')).toBe('amber');
    expect(statusTone('left')).toBe('rose');
    expect(statusTone('rejected')).toBe('rose');
  });
});
