/**
 * The y-websocket wire protocol (y-protocols sync + awareness over lib0 encoding), as pure
 * functions. Decoding is strict: a message is fully parsed and validated here (the Yjs update
 * included) before anything touches a document, the log or another client, and anything
 * malformed throws `CollabProtocolError` so only that socket is closed.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const MessageType = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
} as const;

export const SyncMessageType = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** `null` marks the client as gone. */
  state: unknown;
}

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array; empty: boolean }
  | { kind: 'update'; update: Uint8Array; empty: boolean }
  | { kind: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { kind: 'query-awareness' };

/**
 * The same bytes as a plain Uint8Array (a view, no copy). ws hands frames over and pg hands rows
 * over as Buffers, a subclass with another hidden class: lib0's decoders and Yjs then see two
 * kinds of array, their optimized code keeps deoptimizing ("wrong map") and V8 keeps
 * recompiling it, a steady CPU cost on every update. Everything given to Yjs goes through here.
 */
export function plainBytes(u: Uint8Array): Uint8Array {
  return u.constructor === Uint8Array ? u : new Uint8Array(u.buffer, u.byteOffset, u.byteLength);
}

export class CollabProtocolError extends Error {
  override name = 'CollabProtocolError';
}

function fail(message: string, cause?: unknown): never {
  throw new CollabProtocolError(message, cause === undefined ? undefined : { cause });
}

/**
 * Parses a Yjs (v1) update completely, structs and delete set, and checks what Yjs would only
 * find while applying it (a forward self-reference), so garbage is refused before it can reach
 * the log or a document. `empty` is an update that carries nothing.
 */
export function inspectUpdate(update: Uint8Array): { empty: boolean } {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    fail('malformed Yjs update', err);
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    // An item can only point (origin, right origin, parent) at its own client's earlier
    // clocks: it is integrated only once everything before it is. A forward reference is never
    // encoded by Yjs, and Yjs throws on it mid-apply — after the update was stored.
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
      if (ref instanceof Y.ID && ref.client === client && ref.clock >= clock) {
        fail('Yjs update refers forward within its own client');
      }
    }
  }
  return { empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
}

/** Parses an awareness update completely (client id, clock, JSON state per entry). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      entries.push({ clientId, clock, state });
    }
    if (decoding.hasContent(decoder)) fail('trailing bytes after the awareness update');
    return entries;
  } catch (err) {
    if (err instanceof CollabProtocolError) throw err;
    fail('malformed awareness update', err);
  }
}

function readPayload(decoder: decoding.Decoder): Uint8Array {
  const payload = decoding.readVarUint8Array(decoder);
  if (decoding.hasContent(decoder)) fail('trailing bytes after the message');
  return payload;
}

/** Decodes one client → server frame. Throws `CollabProtocolError` on anything malformed. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  let messageType: number;
  try {
    messageType = decoding.readVarUint(decoder);
  } catch (err) {
    fail('empty or truncated message', err);
  }
  try {
    switch (messageType) {
      case MessageType.SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = readPayload(decoder);
        switch (syncType) {
          case SyncMessageType.STEP1:
            Y.decodeStateVector(payload);
            return { kind: 'sync-step1', stateVector: payload };
          case SyncMessageType.STEP2:
            return { kind: 'sync-step2', update: payload, ...inspectUpdate(payload) };
          case SyncMessageType.UPDATE:
            return { kind: 'update', update: payload, ...inspectUpdate(payload) };
          default:
            return fail(`unknown sync message type ${syncType}`);
        }
      }
      case MessageType.AWARENESS: {
        const update = readPayload(decoder);
        return { kind: 'awareness', update, entries: decodeAwarenessUpdate(update) };
      }
      case MessageType.QUERY_AWARENESS:
        if (decoding.hasContent(decoder)) fail('trailing bytes after the message');
        return { kind: 'query-awareness' };
      default:
        return fail(`unknown message type ${messageType}`);
    }
  } catch (err) {
    if (err instanceof CollabProtocolError) throw err;
    fail('malformed or truncated message', err);
  }
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Server → client: "here is my state vector, send me what I lack". */
export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncMessageType.STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

/** Server → client: everything the client lacks, given its state vector. */
export const encodeSyncStep2 = (doc: Y.Doc, stateVector?: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncMessageType.STEP2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });

/** Server → client: sync step 2 carrying an update encoded beforehand (e.g. the whole state). */
export const encodeSyncStep2FromUpdate = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncMessageType.STEP2);
    encoding.writeVarUint8Array(e, update);
  });

/** A state vector listing no client: its sender has nothing of the document. */
export const isEmptyStateVector = (stateVector: Uint8Array): boolean =>
  stateVector.byteLength === 1 && stateVector[0] === 0;

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncMessageType.UPDATE);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (awarenessUpdate: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.AWARENESS);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });

export const encodeQueryAwareness = (): Uint8Array =>
  message((e) => encoding.writeVarUint(e, MessageType.QUERY_AWARENESS));
