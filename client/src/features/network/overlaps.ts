export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** How many pairs of boxes (a node with its label) overlap by more than `tolerance` pixels. */
export function countLabelOverlaps(boxes: Box[], tolerance = 1): number {
  let n = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
      const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
      if (w > tolerance && h > tolerance) n++;
    }
  }
  return n;
}
