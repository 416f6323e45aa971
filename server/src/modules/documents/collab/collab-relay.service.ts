import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { logger } from '../../../common/logging/logger';
import { closeRedis, createRedisClient } from '../../../common/redis/redis';
import { RedisMonitor } from '../../../common/redis/redis-monitor';
import type { CollabDocument } from './collab-document';
import { CollabPersistenceService } from './collab-persistence.service';
import { decodeRelayMessage, encodeRelayMessage, RelayKind, SeqTracker } from './collab-relay.util';

/** The origin of relayed awareness changes (so they are not published back). */
const RELAYED = Symbol('relayed');
/** How long a hole in the docSeqs may stay open (a late message) before the log is read. */
const GAP_GRACE_MS = 100;
const noStore = (): Promise<void> => Promise.resolve();

interface Held {
  doc: CollabDocument;
  channel: string;
  tracker: SeqTracker;
  gapTimer: NodeJS.Timeout | undefined;
  catching: Promise<void> | null;
  again: boolean;
  offAwareness: () => void;
}

/**
 * Live documents across instances (REDIS_URL only). Every instance that holds a document in
 * memory subscribes to its channel; each update committed here is published there with its
 * docSeq (after the commit, like the local fan-out), and awareness changes are published too.
 * Redis may drop or delay messages (an outage, a late subscription, a restart): a hole in the
 * docSeqs, a reconnect, a subscription and a periodic check of the heads all lead to reading
 * the missing rows back from the PostgreSQL log, so the copies converge on what is committed.
 */
@Injectable()
export class CollabRelayService implements OnModuleInit, OnModuleDestroy {
  private pub: Redis | undefined;
  private sub: Redis | undefined;
  private readonly origin = randomBytes(16);
  private readonly held = new Map<string, Held>();
  private readonly cleanups: (() => void)[] = [];
  private pollTimer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private prefix = '';

  constructor(
    private readonly persistence: CollabPersistenceService,
    private readonly monitor: RedisMonitor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.pub !== undefined;
  }

  onModuleInit(): void {
    const url = this.config.redis.url;
    if (!url) return;
    this.prefix = `${this.config.redis.prefix}collab:`;
    // No offline queue: while Redis is away a publish fails at once (the others read the log
    // when it is back) instead of piling up in memory.
    this.pub = createRedisClient(url, 'collab-pub', { enableOfflineQueue: false });
    this.sub = createRedisClient(url, 'collab-sub');
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.onMessage(channel.toString(), message),
    );
    // ioredis resubscribes right after 'ready': the PING is answered after those, so the
    // catch-up reads the log only once nothing can slip between it and the subscription.
    this.sub.on('ready', () => {
      const sub = this.sub;
      setImmediate(() => {
        if (!sub || sub.status !== 'ready') return;
        sub
          .ping()
          .catch(() => undefined)
          .finally(() => this.resync());
      });
    });
    this.cleanups.push(
      this.persistence.onCommitted((id, seq, update) => this.committed(id, seq, update)),
    );
    const every = this.config.redis.fallbackPollMs;
    this.pollTimer = setInterval(() => this.poll(), every);
    this.pollTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.cleanups.splice(0).forEach((c) => c());
    for (const id of [...this.held.keys()]) this.detach(id);
    await closeRedis(this.pub, this.sub);
    this.pub = this.sub = undefined;
  }

  /** A document was loaded at `head` (the docSeq its state includes): follow its channel. */
  attach(doc: CollabDocument, head: number): void {
    if (!this.sub) return;
    const channel = this.prefix + doc.id;
    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin === RELAYED) return;
      const changed = added.concat(updated, removed);
      if (changed.length) this.publishAwareness(held, changed);
    };
    const held: Held = {
      doc,
      channel,
      tracker: new SeqTracker(head),
      gapTimer: undefined,
      catching: null,
      again: false,
      offAwareness: () => doc.awareness.off('update', onAwareness),
    };
    doc.awareness.on('update', onAwareness);
    this.held.set(doc.id, held);
    this.sub.subscribe(channel).then(
      () => {
        if (this.held.get(doc.id) !== held) return;
        // Whoever held it before us announces its presence; and what was committed between
        // the load and the subscription is read back.
        this.publish(channel, RelayKind.awarenessQuery, 0, new Uint8Array());
        void this.catchUp(doc.id);
      },
      (err: unknown) => logger.warn({ err, documentId: doc.id }, 'collab relay: subscribe'),
    );
  }

  /** The document left memory. */
  detach(documentId: string): void {
    const held = this.held.get(documentId);
    if (!held) return;
    this.held.delete(documentId);
    if (held.gapTimer) clearTimeout(held.gapTimer);
    held.offAwareness();
    this.sub?.unsubscribe(held.channel).catch(() => undefined);
  }

  /**
   * Brings the in-memory copy up to everything committed (on any instance) when this starts:
   * for reads that must include every committed update (versions, export, restore).
   */
  async catchUp(documentId: string): Promise<void> {
    const held = this.held.get(documentId);
    if (!held) return;
    if (held.catching) {
      held.again = true;
      return held.catching;
    }
    held.catching = (async () => {
      try {
        do {
          held.again = false;
          await this.readBack(held);
        } while (held.again && this.held.get(documentId) === held);
      } catch (err) {
        logger.warn({ err, documentId }, 'collab relay: catch-up from the log failed');
      } finally {
        held.catching = null;
      }
    })();
    return held.catching;
  }

  private async readBack(held: Held): Promise<void> {
    const after = held.tracker.watermark;
    const tail = await this.persistence.readTail(held.doc.id, after);
    if (this.held.get(held.doc.id) !== held || tail.head < 0) return;
    const missing: Uint8Array[] = tail.snapshot ? [tail.snapshot] : [];
    for (const row of tail.rows) {
      if (held.tracker.note(row.docSeq)) missing.push(row.update);
    }
    held.tracker.caughtUp(tail.head);
    if (missing.length) {
      logger.debug({ documentId: held.doc.id, after, head: tail.head }, 'collab relay: caught up');
      await this.apply(held, missing.length === 1 ? missing[0]! : Y.mergeUpdates(missing));
    }
  }

  /** Applies a committed update made elsewhere and sends it to this instance's clients. */
  private apply(held: Held, update: Uint8Array): Promise<void> {
    return held.doc.ingest(update, null, noStore).catch((err: unknown) => {
      logger.error({ err, documentId: held.doc.id }, 'collab relay: could not apply an update');
    });
  }

  /** An update committed by this instance: noted as applied, published to the others. */
  private committed(documentId: string, seq: number, update: Uint8Array): void {
    if (!this.pub) return;
    this.held.get(documentId)?.tracker.note(seq);
    this.publish(this.prefix + documentId, RelayKind.update, seq, update);
  }

  private publishAwareness(held: Held, clients: number[]): void {
    if (!clients.length) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(held.doc.awareness, clients);
    this.publish(held.channel, RelayKind.awareness, 0, update);
  }

  private publish(channel: string, kind: RelayKind, seq: number, payload: Uint8Array): void {
    const pub = this.pub;
    if (!pub || pub.status !== 'ready') return;
    pub
      .publish(channel, encodeRelayMessage({ kind, origin: this.origin, seq, payload }))
      .catch((err: unknown) => logger.debug({ err }, 'collab relay: publish failed'));
  }

  private onMessage(channel: string, buf: Buffer): void {
    if (!channel.startsWith(this.prefix)) return;
    const held = this.held.get(channel.slice(this.prefix.length));
    if (!held) return;
    const m = decodeRelayMessage(buf);
    if (!m || this.origin.equals(m.origin)) return;
    try {
      switch (m.kind) {
        case RelayKind.update:
          if (!held.tracker.note(m.seq)) return;
          void this.apply(held, new Uint8Array(m.payload));
          if (held.tracker.hasGap) this.gapSoon(held);
          return;
        case RelayKind.awareness:
          awarenessProtocol.applyAwarenessUpdate(
            held.doc.awareness,
            new Uint8Array(m.payload),
            RELAYED,
          );
          return;
        case RelayKind.awarenessQuery: {
          const clients = [...held.doc.awareness.getStates().keys()];
          this.publishAwareness(held, clients);
          return;
        }
      }
    } catch (err) {
      logger.warn({ err, documentId: held.doc.id }, 'collab relay: bad message');
    }
  }

  /** A hole: the missing message may only be late; if it stays open, read the log. */
  private gapSoon(held: Held): void {
    if (held.gapTimer) return;
    held.gapTimer = setTimeout(() => {
      held.gapTimer = undefined;
      if (held.tracker.hasGap) void this.catchUp(held.doc.id);
    }, GAP_GRACE_MS);
    held.gapTimer.unref();
  }

  /** Redis is back: read what was missed, and ask the others for their presence again. */
  private resync(): void {
    for (const held of this.held.values()) {
      this.publish(held.channel, RelayKind.awarenessQuery, 0, new Uint8Array());
      void this.catchUp(held.doc.id);
    }
  }

  /**
   * Compares the heads of the held documents with what was applied: every tick while Redis
   * is down (nothing is relayed then), every fifth while it is up (a dropped last message
   * leaves no hole to notice).
   */
  private poll(): void {
    this.ticks++;
    if (this.held.size === 0) return;
    if (this.monitor.state === 'up' && this.ticks % 5 !== 0) return;
    const ids = [...this.held.keys()];
    this.persistence.heads(ids).then(
      (heads) => {
        for (const [id, head] of heads) {
          const held = this.held.get(id);
          if (held && head > held.tracker.watermark) void this.catchUp(id);
        }
      },
      (err: unknown) => logger.warn({ err }, 'collab relay: could not read document heads'),
    );
  }
}
