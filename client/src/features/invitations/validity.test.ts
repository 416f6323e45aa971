import { describe, expect, it } from 'vitest';
import { hoursFromDays } from './validity';

describe('hoursFromDays', () => {
  it('turns 1 to 30 whole days into hours', () => {
    expect(hoursFromDays('7')).toBe(168);
    expect(hoursFromDays(' 1 ')).toBe(24);
    expect(hoursFromDays('30')).toBe(720);
  });
  it('refuses anything else', () => {
    for (const text of ['', '0', '31', '1.5', '-2', 'abc', '1e1']) {
      expect(hoursFromDays(text)).toBeNull();
    }
  });
});
