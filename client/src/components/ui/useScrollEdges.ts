import { useCallback, useEffect, useState, type RefObject } from 'react';

/**
 * Whether a sideways-scrolling box has more content to its left or right, kept true while it
 * scrolls or resizes, so the page can show a cue (a fade, a hint) only when there is more.
 */
export function useScrollEdges(ref: RefObject<HTMLElement | null>): {
  more: boolean;
  moreLeft: boolean;
  moreRight: boolean;
  update(): void;
} {
  const [edges, setEdges] = useState({ moreLeft: false, moreRight: false });
  const update = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const moreLeft = el.scrollLeft > 1;
    const moreRight = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setEdges((e) =>
      e.moreLeft === moreLeft && e.moreRight === moreRight ? e : { moreLeft, moreRight },
    );
  }, [ref]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  });
  return { ...edges, more: edges.moreLeft || edges.moreRight, update };
}
