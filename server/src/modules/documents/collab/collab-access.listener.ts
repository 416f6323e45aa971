import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../common/events/event-bus';
import { documentAccessOrNone } from '../documents.policy';
import { CollabService } from './collab.service';

/**
 * Keeps live collab sockets in step with access: a member removed (or who left) is closed with
 * 4403, a role change applies the documents policy at once (observer → read-only, back → write),
 * a revoked session's sockets close with 4401. Remote copies (relayed from other instances
 * through Redis) are handled too: unlike socket.io rooms, collab sockets live only in the
 * process that accepted them, so each instance must act on every change.
 */
@Injectable()
export class CollabAccessListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly bus: EventBus,
    private readonly collab: CollabService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.bus.on('member.access_changed', ({ userId, workspaceId, role }) => {
        this.collab.closeOrDowngrade(userId, workspaceId, documentAccessOrNone(role));
      }),
      this.bus.on('session.revoked', ({ sessionId }) => {
        this.collab.closeSession(sessionId);
      }),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe.splice(0).forEach((u) => u());
  }
}
