import { useEffect, useMemo, useState } from 'react';

export const TIMELINE_STEPS = 100;

/**
 * The replay slider: step 0 is just before the first partner joined, the last step is now.
 * `at` is undefined at the last step (the live network). Playing advances two steps a tick.
 */
export function useTimeline(joinedAts: (string | null | undefined)[], now: number) {
  const [step, setStep] = useState(TIMELINE_STEPS);
  const [playing, setPlaying] = useState(false);
  const start = useMemo(() => {
    const times = joinedAts.flatMap((d) => (d ? [Date.parse(d)] : []));
    return times.length ? Math.min(...times) - 1000 : now - 86_400_000;
  }, [joinedAts, now]);

  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      setStep((s) => {
        if (s >= TIMELINE_STEPS) {
          setPlaying(false);
          return TIMELINE_STEPS;
        }
        return Math.min(TIMELINE_STEPS, s + 2);
      });
    }, 250);
    return () => clearInterval(id);
  }, [playing]);

  const atMs = step >= TIMELINE_STEPS ? now : start + ((now - start) * step) / TIMELINE_STEPS;
  return {
    step,
    setStep,
    playing,
    toggle: () => {
      if (step >= TIMELINE_STEPS) setStep(0);
      setPlaying((p) => !p);
    },
    start,
    atMs,
    at: step >= TIMELINE_STEPS ? undefined : new Date(atMs).toISOString(),
  };
}
