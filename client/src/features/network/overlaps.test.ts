import { describe, expect, it } from 'vitest';
import { countLabelOverlaps } from './overlaps';

describe('countLabelOverlaps', () => {
  it('counts overlapping pairs and ignores boxes that only touch', () => {
    const a = { x1: 0, y1: 0, x2: 10, y2: 10 };
    const b = { x1: 5, y1: 5, x2: 15, y2: 15 };
    const touching = { x1: 10, y1: 0, x2: 20, y2: 10 };
    const far = { x1: 100, y1: 100, x2: 110, y2: 110 };
    expect(countLabelOverlaps([a, b])).toBe(1);
    expect(countLabelOverlaps([a, touching])).toBe(0);
    expect(countLabelOverlaps([a, b, touching, far])).toBe(2);
    expect(countLabelOverlaps([])).toBe(0);
  });
});
