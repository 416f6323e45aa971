import type { ExperimentStatus } from '@coalesce/shared';
import { useRef } from 'react';
import { useScrollEdges } from '../../../components/ui/useScrollEdges';

/** The sideways-scrolling board: which sides have more columns, and a jump to one column. */
export function useBoardScroll() {
  const board = useRef<HTMLDivElement>(null);
  const edges = useScrollEdges(board);
  const scrollTo = (status: ExperimentStatus) => {
    const col = board.current?.querySelector<HTMLElement>(`[data-status="${status}"]`);
    if (board.current && col) {
      board.current.scrollTo({
        left: col.offsetLeft - board.current.offsetLeft,
        behavior: 'smooth',
      });
    }
  };
  return { board, edges, scrollTo };
}
