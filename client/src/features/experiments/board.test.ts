import { EXPERIMENT_STATUSES } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { countsOf, groupByStatus } from './board';

describe('groupByStatus', () => {
  it('gives every status a column, empty ones included, in the board order', () => {
    const columns = groupByStatus([]);
    expect(Object.keys(columns)).toEqual([...EXPERIMENT_STATUSES]);
    expect(Object.values(columns).every((c) => c.length === 0)).toBe(true);
  });

  it('keeps the listed order within a column', () => {
    const [first, second] = EXPERIMENT_STATUSES;
    const items = [
      { id: 'a', status: second! },
      { id: 'b', status: first! },
      { id: 'c', status: second! },
    ];
    const columns = groupByStatus(items);
    expect(columns[first!].map((e) => e.id)).toEqual(['b']);
    expect(columns[second!].map((e) => e.id)).toEqual(['a', 'c']);
    expect(countsOf(columns)[second!]).toBe(2);
  });
});
