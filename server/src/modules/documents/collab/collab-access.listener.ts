import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { EventBus } from '../../../common/events/event-bus';
import { logger } from '../../../common/logging/logger';
import { RedisMonitor } from '../../../common/redis/redis-monitor';
import { AuthService } from '../../auth/auth.service';
import { MembersService } from '../../members/members.service';
import { documentAccessOrNone } from '../documents.policy';
import { CollabService } from './collab.service';

/**
 * Keeps live collab sockets in step with access: a member removed (or who left) is closed with
 * 4403, a role change applies the documents policy at once (observer → read-only, back → write),
 * a revoked session's sockets close with 4401. Remote copies (relayed from other instances
 * through Redis) are handled too: unlike socket.io rooms, collab sockets live only in the
 * process that accepted them, so each instance must act on every change.
 *
 * Redis can lose those relayed changes (it is down, or drops a message): while it is down this
 * instance re-reads, every REDIS_FALLBACK_POLL_MS, the memberships and sessions of everyone on
 * its sockets from PostgreSQL, and once more when it is back.
 */
@Injectable()
export class CollabAccessListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[] = [];
  private pollTimer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly collab: CollabService,
    private readonly monitor: RedisMonitor,
    private readonly auth: AuthService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.bus.on('member.access_changed', ({ userId, workspaceId, role }) => {
        this.collab.closeOrDowngrade(userId, workspaceId, documentAccessOrNone(role));
      }),
      this.bus.on('session.revoked', ({ sessionId }) => {
        this.collab.closeSession(sessionId);
      }),
      this.monitor.onChange((state) => {
        if (state === 'down') this.startPolling();
        else this.stopPolling();
        // Either way, once right away: a change relayed just before Redis went away may be lost,
        // and one made while it was away was never relayed.
        void this.recheck();
      }),
    );
    if (this.monitor.state === 'down') this.startPolling();
  }

  onModuleDestroy(): void {
    this.stopPolling();
    this.unsubscribe.splice(0).forEach((u) => u());
  }

  private startPolling(): void {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => void this.recheck(), this.config.redis.fallbackPollMs);
    this.pollTimer.unref();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** Applies the access stored in PostgreSQL to every identified socket of this instance. */
  recheck(): Promise<void> {
    this.checking ??= this.readAndApply()
      .catch((err: unknown) => logger.warn({ err }, 'collab: access re-check failed'))
      .finally(() => (this.checking = null));
    return this.checking;
  }

  private async readAndApply(): Promise<void> {
    const ids = this.collab.identities();
    if (!ids.length) return;
    const pairs = new Map<string, { userId: string; workspaceId: string }>();
    const sessions = new Set<string>();
    for (const id of ids) {
      pairs.set(`${id.userId}:${id.workspaceId}`, id);
      if (id.sessionId) sessions.add(id.sessionId);
    }
    const [roles, live] = await Promise.all([
      Promise.all(
        [...pairs.values()].map(async (p) => ({
          ...p,
          role: (await this.members.roleOf(p.workspaceId, p.userId))?.role ?? null,
        })),
      ),
      this.auth.liveSessionIds([...sessions]),
    ]);
    for (const s of sessions) if (!live.has(s)) this.collab.closeSession(s);
    for (const r of roles) {
      this.collab.closeOrDowngrade(r.userId, r.workspaceId, documentAccessOrNone(r.role));
    }
  }
}
