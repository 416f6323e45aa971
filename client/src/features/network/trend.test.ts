import { describe, expect, it } from 'vitest';
import { trendOf } from './trend';

describe('trendOf', () => {
  it('reads up, down or the same, ignoring rounding noise', () => {
    expect(trendOf(0.3, 0.1)).toBe('up');
    expect(trendOf(0.1, 0.3)).toBe('down');
    expect(trendOf(0.3, 0.302)).toBe('same');
    expect(trendOf(5, 5, 0.5)).toBe('same');
    expect(trendOf(4, 3, 0.5)).toBe('up');
  });
});
