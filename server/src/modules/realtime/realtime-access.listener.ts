import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { workspaceRoom } from '@coalesce/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../../common/logging/logger';
import { RedisMonitor } from '../../common/redis/redis-monitor';
import { AuthService } from '../auth/auth.service';
import { MembersService } from '../members/members.service';
import { RealtimeGateway } from './realtime.gateway';

const WORKSPACE_ROOM = /^workspace:(.+)$/;

/**
 * Revocations relayed through Redis (a removed member leaves `workspace:<id>`, a logged-out
 * session is disconnected) are lost while Redis is down. Meanwhile this instance re-reads, every
 * REDIS_FALLBACK_POLL_MS, the sessions and memberships behind its own sockets from PostgreSQL,
 * and once more when Redis is back, and applies them itself.
 */
@Injectable()
export class RealtimeAccessListener implements OnModuleInit, OnModuleDestroy {
  private offMonitor: (() => void) | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly gateway: RealtimeGateway,
    private readonly monitor: RedisMonitor,
    private readonly auth: AuthService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.offMonitor = this.monitor.onChange((state) => {
      if (state === 'down') this.start();
      else this.stop();
      // Either way, once right away: a change relayed just before Redis went away may be lost,
      // and one made while it was away was never relayed.
      void this.recheck();
    });
    if (this.monitor.state === 'down') this.start();
  }

  onModuleDestroy(): void {
    this.stop();
    this.offMonitor?.();
  }

  private start(): void {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => void this.recheck(), this.config.redis.fallbackPollMs);
    this.pollTimer.unref();
  }

  private stop(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  recheck(): Promise<void> {
    this.checking ??= this.readAndApply()
      .catch((err: unknown) => logger.warn({ err }, 'realtime: access re-check failed'))
      .finally(() => (this.checking = null));
    return this.checking;
  }

  private async readAndApply(): Promise<void> {
    const server = this.gateway.server;
    if (!server) return;
    // This instance's sockets only (the namespace map holds local ones).
    const sockets = [...server.sockets.sockets.values()];
    if (!sockets.length) return;
    const sessions = new Set(sockets.map((s) => s.data.sessionId).filter(Boolean));
    const pairs = new Map<string, { userId: string; workspaceId: string }>();
    for (const s of sockets) {
      for (const room of s.rooms) {
        const m = WORKSPACE_ROOM.exec(room);
        if (m && s.data.userId) {
          pairs.set(`${s.data.userId}:${m[1]}`, { userId: s.data.userId, workspaceId: m[1]! });
        }
      }
    }
    const [live, gone] = await Promise.all([
      this.auth.liveSessionIds([...sessions]),
      Promise.all(
        [...pairs.values()].map(async (p) =>
          (await this.members.roleOf(p.workspaceId, p.userId)) ? null : p,
        ),
      ),
    ]);
    for (const s of sockets) {
      if (!live.has(s.data.sessionId)) {
        s.disconnect(true);
        continue;
      }
      for (const p of gone) {
        if (!p || p.userId !== s.data.userId || !s.rooms.has(workspaceRoom(p.workspaceId)))
          continue;
        void s.leave(workspaceRoom(p.workspaceId));
        // `local`: with connection-state recovery a plain emit goes through the adapter,
        // which waits for Redis (down now) before delivering even to this instance's socket.
        server.local.to(s.id).emit('membership', {
          workspaceId: p.workspaceId,
          role: null,
          broker: false,
          partnerId: null,
        });
      }
    }
  }
}
