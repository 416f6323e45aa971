import { describe, expect, it } from 'vitest';
import {
  CARET_PALETTE,
  colorDistance,
  MIN_COLOR_DISTANCE,
  pickColor,
  preferredColor,
  type Presence,
} from './presence-colors.js';

/** Lets every connection apply the rule until nothing changes, as awareness updates would. */
function settle(conns: (Presence & { preferred: string })[]): string[] {
  for (let round = 0; round < conns.length + 1; round++) {
    for (const c of conns) c.color = pickColor(c.preferred, c, conns);
  }
  return conns.map((c) => c.color);
}

describe('caret colours', () => {
  it('keeps the preferred colour when nobody earlier uses it', () => {
    expect(pickColor('#0f766e', { clientId: 5, since: 10 }, [])).toBe('#0f766e');
    expect(
      pickColor('#0f766e', { clientId: 5, since: 10 }, [
        { clientId: 9, since: 20, color: '#0f766e' },
      ]),
    ).toBe('#0f766e');
  });

  it('yields to whoever joined first, then to the lower client id', () => {
    const earlier = { clientId: 9, since: 5, color: '#0f766e' };
    const moved = pickColor('#0f766e', { clientId: 1, since: 10 }, [earlier]);
    expect(colorDistance(moved, '#0f766e')).toBeGreaterThanOrEqual(MIN_COLOR_DISTANCE);
    const sameTime = { clientId: 1, since: 10, color: '#0f766e' };
    expect(pickColor('#0f766e', { clientId: 2, since: 10 }, [sameTime])).not.toBe('#0f766e');
    expect(pickColor('#0f766e', { clientId: 1, since: 10 }, [{ ...sameTime, clientId: 2 }])).toBe(
      '#0f766e',
    );
  });

  it('also moves off a colour that is merely close (teal next to green)', () => {
    const green = { clientId: 9, since: 5, color: '#15803d' };
    const c = pickColor('#0f766e', { clientId: 1, since: 10 }, [green]);
    expect(colorDistance(c, '#15803d')).toBeGreaterThanOrEqual(MIN_COLOR_DISTANCE);
  });

  it('gives every connection a distinct #rrggbb colour, also past the palette', () => {
    for (const n of [2, 5, 12, 20]) {
      const conns = Array.from({ length: n }, (_, i) => ({
        clientId: 1000 - i,
        since: i % 3,
        preferred: '#0f766e',
        color: '#0f766e',
      }));
      const colors = settle(conns);
      expect(new Set(colors).size).toBe(n);
      // A handful of people get colours that are clearly apart, not just different.
      if (n <= 5) {
        for (const a of colors) {
          for (const b of colors) {
            if (a !== b) expect(colorDistance(a, b)).toBeGreaterThanOrEqual(MIN_COLOR_DISTANCE);
          }
        }
      }
      for (const c of colors) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('prefers a stable colour per user', () => {
    expect(preferredColor('user-a')).toBe(preferredColor('user-a'));
    expect(CARET_PALETTE).toContain(preferredColor('user-b'));
  });
});
