/**
 * Caret and presence colours. Every one carries white label text at ≥ 4.5:1 contrast, and the
 * first ones are the easiest to tell apart. The caret extension needs `#rrggbb`.
 */
export const CARET_PALETTE = [
  '#0f766e',
  '#b45309',
  '#4f46e5',
  '#be123c',
  '#15803d',
  '#a21caf',
  '#0369a1',
  '#475569',
  '#4d7c0f',
  '#7c3aed',
  '#c2410c',
  '#854d0e',
] as const;

/** Colours closer than this (RGB distance) are hard to tell apart on a caret or a dot. */
export const MIN_COLOR_DISTANCE = 60;

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
export function colorDistance(a: string, b: string): number {
  const [x, y] = [rgb(a), rgb(b)];
  return Math.hypot(x[0]! - y[0]!, x[1]! - y[1]!, x[2]! - y[2]!);
}

/** A stable first choice per user, so people usually keep their colour between visits. */
export function preferredColor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return CARET_PALETTE[h % CARET_PALETTE.length]!;
}

export interface Presence {
  clientId: number;
  /** When the connection joined (ms): whoever was there first keeps their colour. */
  since: number;
  color: string;
}

const first = (a: Pick<Presence, 'since' | 'clientId'>, b: Pick<Presence, 'since' | 'clientId'>) =>
  a.since < b.since || (a.since === b.since && a.clientId < b.clientId);

/**
 * This connection's colour: the preferred one unless it is (close to) a colour that someone who
 * joined earlier shows; else the palette colour farthest from all of theirs (a generated dark
 * hue past the palette). Every connection applies the same rule, so colours settle without
 * talking: later arrivals adapt to earlier ones, never the other way round.
 */
export function pickColor(
  preferred: string,
  me: Pick<Presence, 'since' | 'clientId'>,
  peers: Presence[],
): string {
  const taken = peers.filter((p) => p.clientId !== me.clientId && first(p, me)).map((p) => p.color);
  const spread = (c: string) => Math.min(Infinity, ...taken.map((t) => colorDistance(c, t)));
  if (spread(preferred) >= MIN_COLOR_DISTANCE) return preferred;
  let best: string | undefined;
  for (const c of CARET_PALETTE) {
    if (!taken.includes(c) && (!best || spread(c) > spread(best))) best = c;
  }
  if (best) return best;
  for (let i = 0; ; i++) {
    const c = hslHex((i * 137.508 + 20) % 360, 0.7, 0.32);
    if (!taken.includes(c)) return c;
  }
}

function hslHex(h: number, s: number, l: number): string {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  const hex = (x: number) =>
    Math.round(x * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}
