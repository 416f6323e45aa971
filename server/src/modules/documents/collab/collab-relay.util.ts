/**
 * Pure parts of the cross-instance collab relay: the wire format of relayed messages and the
 * per-document bookkeeping of which committed updates (by docSeq) an instance has applied.
 */

export const RelayKind = {
  /** A committed document update, with its docSeq. */
  update: 1,
  /** An awareness update (presence, carets); not stored, no docSeq. */
  awareness: 2,
  /** "I just started holding this document: send me your presence." */
  awarenessQuery: 3,
} as const;
export type RelayKind = (typeof RelayKind)[keyof typeof RelayKind];

export interface RelayMessage {
  kind: RelayKind;
  /** The publishing instance (16 bytes), so it can ignore its own messages. */
  origin: Uint8Array;
  /** docSeq of an update; 0 otherwise. */
  seq: number;
  payload: Uint8Array;
}

const ORIGIN_BYTES = 16;
const HEADER = 1 + ORIGIN_BYTES + 8;

/** kind (1 byte) · origin (16) · seq (float64, exact up to 2^53) · payload. */
export function encodeRelayMessage(m: RelayMessage): Buffer {
  if (m.origin.byteLength !== ORIGIN_BYTES) throw new Error('origin must be 16 bytes');
  const out = Buffer.allocUnsafe(HEADER + m.payload.byteLength);
  out.writeUInt8(m.kind, 0);
  out.set(m.origin, 1);
  out.writeDoubleBE(m.seq, 1 + ORIGIN_BYTES);
  out.set(m.payload, HEADER);
  return out;
}

/** Null for anything that is not a well-formed relay message. */
export function decodeRelayMessage(buf: Buffer): RelayMessage | null {
  if (buf.byteLength < HEADER) return null;
  const kind = buf.readUInt8(0);
  if (kind !== 1 && kind !== 2 && kind !== 3) return null;
  const seq = buf.readDoubleBE(1 + ORIGIN_BYTES);
  if (!Number.isSafeInteger(seq) || seq < 0) return null;
  return {
    kind,
    origin: buf.subarray(1, 1 + ORIGIN_BYTES),
    seq,
    payload: buf.subarray(HEADER),
  };
}

/**
 * Which docSeqs of one document are applied: every seq up to `watermark`, plus `ahead` (seen
 * out of order, above a hole). Relayed messages can arrive out of order (two instances publish
 * independently) or not at all (Redis dropped them): a hole that stays open is read back from
 * the log.
 */
export class SeqTracker {
  private ahead = new Set<number>();

  constructor(private mark: number) {}

  get watermark(): number {
    return this.mark;
  }

  /** True when some update above a hole was applied (a message is missing, or late). */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** The highest seq applied. */
  get highest(): number {
    let max = this.mark;
    for (const s of this.ahead) if (s > max) max = s;
    return max;
  }

  /** Whether `seq` is already applied (a duplicate to skip). */
  has(seq: number): boolean {
    return seq <= this.mark || this.ahead.has(seq);
  }

  /** Records `seq` as applied; false if it already was. */
  note(seq: number): boolean {
    if (this.has(seq)) return false;
    this.ahead.add(seq);
    while (this.ahead.delete(this.mark + 1)) this.mark++;
    return true;
  }

  /** Everything up to `head` is applied (read back from the log). */
  caughtUp(head: number): void {
    if (head <= this.mark) return;
    this.mark = head;
    for (const s of this.ahead) if (s <= head) this.ahead.delete(s);
    while (this.ahead.delete(this.mark + 1)) this.mark++;
  }
}
