import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TIMELINE_STEPS, useTimeline } from './useTimeline';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-06T12:00:00.000Z');
const JOINED = [
  new Date(NOW - 300 * DAY).toISOString(),
  null,
  new Date(NOW - 10 * DAY).toISOString(),
];

describe('useTimeline (the map’s replay slider)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts live, runs from just before the first partner joined, and names the day shown', () => {
    const { result } = renderHook(() => useTimeline(JOINED, NOW));
    expect(result.current.step).toBe(TIMELINE_STEPS);
    expect(result.current.at).toBeUndefined();
    expect(result.current.start).toBe(NOW - 300 * DAY - 1000);

    act(() => result.current.setStep(50));
    expect(result.current.at).toBe(new Date(result.current.atMs).toISOString());
    expect(Math.round((NOW - result.current.atMs) / DAY)).toBe(150);
  });

  it('plays from the start to now, two steps a tick, and stops there', () => {
    const { result } = renderHook(() => useTimeline(JOINED, NOW));
    act(() => result.current.toggle());
    expect(result.current.step).toBe(0);
    expect(result.current.playing).toBe(true);
    act(() => vi.advanceTimersByTime(250 * 10));
    expect(result.current.step).toBe(20);
    act(() => vi.advanceTimersByTime(250 * 100));
    expect(result.current.step).toBe(TIMELINE_STEPS);
    expect(result.current.playing).toBe(false);
    expect(result.current.at).toBeUndefined();
  });

  it('without join dates, shows the last day', () => {
    const { result } = renderHook(() => useTimeline([null, undefined], NOW));
    expect(result.current.start).toBe(NOW - DAY);
  });
});
