import { decodeRelayMessage, encodeRelayMessage, RelayKind, SeqTracker } from './collab-relay.util';

describe('relay message format', () => {
  const origin = new Uint8Array(16).fill(7);

  it('round-trips kind, origin, seq and payload', () => {
    const payload = new Uint8Array([1, 2, 3]);
    const m = decodeRelayMessage(
      encodeRelayMessage({ kind: RelayKind.update, origin, seq: 2 ** 40 + 3, payload }),
    );
    expect(m).not.toBeNull();
    expect(m!.kind).toBe(RelayKind.update);
    expect([...m!.origin]).toEqual([...origin]);
    expect(m!.seq).toBe(2 ** 40 + 3);
    expect([...m!.payload]).toEqual([1, 2, 3]);
  });

  it('refuses short buffers, unknown kinds and bad seqs', () => {
    expect(decodeRelayMessage(Buffer.alloc(10))).toBeNull();
    const bad = encodeRelayMessage({
      kind: RelayKind.awareness,
      origin,
      seq: 0,
      payload: new Uint8Array(),
    });
    bad.writeUInt8(9, 0);
    expect(decodeRelayMessage(bad)).toBeNull();
    const neg = encodeRelayMessage({
      kind: RelayKind.update,
      origin,
      seq: 0,
      payload: new Uint8Array(),
    });
    neg.writeDoubleBE(-1, 17);
    expect(decodeRelayMessage(neg)).toBeNull();
    neg.writeDoubleBE(1.5, 17);
    expect(decodeRelayMessage(neg)).toBeNull();
  });

  it('needs a 16-byte origin', () => {
    expect(() =>
      encodeRelayMessage({
        kind: RelayKind.update,
        origin: new Uint8Array(3),
        seq: 1,
        payload: new Uint8Array(),
      }),
    ).toThrow();
  });
});

describe('SeqTracker', () => {
  it('advances the watermark over contiguous seqs and skips duplicates', () => {
    const t = new SeqTracker(4);
    expect(t.note(5)).toBe(true);
    expect(t.note(6)).toBe(true);
    expect(t.note(6)).toBe(false);
    expect(t.note(3)).toBe(false);
    expect(t.watermark).toBe(6);
    expect(t.hasGap).toBe(false);
  });

  it('notices a hole and closes it when the late seq arrives', () => {
    const t = new SeqTracker(0);
    t.note(1);
    t.note(3);
    t.note(4);
    expect(t.hasGap).toBe(true);
    expect(t.watermark).toBe(1);
    expect(t.highest).toBe(4);
    expect(t.has(3)).toBe(true);
    expect(t.has(2)).toBe(false);
    t.note(2);
    expect(t.hasGap).toBe(false);
    expect(t.watermark).toBe(4);
  });

  it('a catch-up from the log closes holes up to the head and keeps what is above it', () => {
    const t = new SeqTracker(0);
    t.note(3);
    t.note(7);
    t.caughtUp(5);
    expect(t.watermark).toBe(5);
    expect(t.hasGap).toBe(true); // 6 is still missing
    expect(t.has(7)).toBe(true);
    t.caughtUp(6);
    expect(t.watermark).toBe(7);
    expect(t.hasGap).toBe(false);
    t.caughtUp(2); // an older head changes nothing
    expect(t.watermark).toBe(7);
  });
});
