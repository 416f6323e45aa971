/**
 * Presence bound to its user, as pure functions: which awareness entries a connection may
 * publish and what they may say. A connection owns the client ids it announced first (at most a
 * few); it may set only its cursor/selection, and the server writes `user.name`/`user.color`
 * from the account. Nothing here does I/O; CollabDocument applies the result.
 */
import * as encoding from 'lib0/encoding';
import { CARET_PALETTE, CLIENT_AWARENESS_FIELDS, preferredColor } from '@coalesce/shared';
import type { AwarenessEntry } from './collab-protocol.util';

export interface AwarenessLimits {
  /** One entry's state, JSON-encoded, over this is dropped. */
  maxStateBytes: number;
  /** Client ids one connection may own (a provider has one; a reloaded Y.Doc another). */
  maxClientIdsPerConnection: number;
}

export interface PresenceIdentity {
  userId: string;
  name?: string;
  /** The caret colour the document gave this connection (see CollabDocument.colorFor). */
  color?: string;
}

/** The state peers see: the client's own cursor/selection, the account's name and colour. */
export function boundState(
  state: unknown,
  identity: PresenceIdentity,
): Record<string, unknown> | null {
  if (state === null) return null;
  const out: Record<string, unknown> = {};
  if (state && typeof state === 'object' && !Array.isArray(state)) {
    for (const key of CLIENT_AWARENESS_FIELDS) {
      const v = (state as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = v;
    }
  }
  // The name is always the account's. A colour from the caret palette is the client's choice
  // (each client moves off colours that peers who came earlier show, see pickColor); anything
  // else is replaced by the one the document gave this connection.
  const user = (state as { user?: { color?: unknown; since?: unknown } } | null)?.user;
  const asked = user?.color;
  const color = (CARET_PALETTE as readonly unknown[]).includes(asked)
    ? (asked as string)
    : (identity.color ?? preferredColor(identity.userId));
  // `since` (when this connection joined) orders who keeps a colour; a number, nothing else.
  const since = typeof user?.since === 'number' && Number.isFinite(user.since) ? user.since : 0;
  out.user = { name: identity.name ?? '?', color, since };
  return out;
}

export interface Ownership {
  /** Ids this connection owns. */
  mine: ReadonlySet<number>;
  /** Whether another connection (or the server itself) owns the id. */
  takenElsewhere(clientId: number): boolean;
}

/**
 * The entries a connection may publish, rewritten: entries for ids owned elsewhere, beyond the
 * connection's quota of ids, or over the size limit are dropped. Returns the ids newly claimed
 * (the caller records them before applying) and the entries to apply.
 */
export function boundEntries(
  entries: AwarenessEntry[],
  identity: PresenceIdentity,
  owner: Ownership,
  limits: AwarenessLimits,
): { entries: AwarenessEntry[]; claimed: number[] } {
  const out: AwarenessEntry[] = [];
  const claimed: number[] = [];
  for (const entry of entries) {
    const owned = owner.mine.has(entry.clientId) || claimed.includes(entry.clientId);
    if (!owned) {
      if (entry.state === null) continue; // removing someone else's presence
      if (owner.takenElsewhere(entry.clientId)) continue;
      if (owner.mine.size + claimed.length >= limits.maxClientIdsPerConnection) continue;
    }
    const state = boundState(entry.state, identity);
    if (state && JSON.stringify(state).length > limits.maxStateBytes) continue;
    if (!owned) claimed.push(entry.clientId);
    out.push({ clientId: entry.clientId, clock: entry.clock, state });
  }
  return { entries: out, claimed };
}

/** The y-protocols awareness update encoding of `entries`. */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}
