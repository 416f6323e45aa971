import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  ErrorCode,
  userRoom,
  workspaceRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketAck,
} from '@coalesce/shared';
import type { Server, Socket } from 'socket.io';
import { DomainError } from '../../common/errors/domain-error';
import { toErrorBody } from '../../common/errors/error-body';
import { EventBus } from '../../common/events/event-bus';
import { AuthService } from '../auth/auth.service';
import { MembersService } from '../members/members.service';
import { isUuid } from '../../common/validation/uuid.util';

interface SocketData {
  userId: string;
  sessionId: string;
}
type AppServer = Server<ClientToServerEvents, ServerToClientEvents, never, SocketData>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, never, SocketData>;

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

function nack(err: unknown): SocketAck {
  const { body } = toErrorBody(err);
  return {
    ok: false,
    error: { statusCode: body.statusCode, code: body.code, message: body.message },
  };
}

/**
 * socket.io at /socket.io. Connecting needs `auth: {token}` or the session cookie (else
 * `connect_error`). Each socket joins `user:<id>`; `workspace:join` adds `workspace:<id>` for
 * members. Committed activity events are pushed as `event` to their workspace room; when a
 * user loses access, their sockets leave the room at once (on every instance).
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly unsubscribe: (() => void)[] = [];
  /**
   * Pushes waiting for the next check phase, in bus order. Domain events are published right
   * after a commit, while the request that made them still has work to do (a read, the HTTP
   * answer): writing to every socket of a room there (one syscall per socket) would hold that
   * request up. Deferred to `setImmediate`, the fan-out overlaps the request's next database
   * round trip instead; one queue keeps room changes and messages in their original order.
   */
  private outbox: (() => void)[] = [];

  @WebSocketServer()
  server: AppServer;

  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly bus: EventBus,
  ) {}

  afterInit(server: AppServer): void {
    server.use((socket: AppSocket, next) => {
      this.authenticate(socket)
        .then((principal) => {
          if (!principal) {
            next(
              Object.assign(new Error('Unauthenticated'), {
                data: { code: ErrorCode.UNAUTHENTICATED },
              }),
            );
            return;
          }
          socket.data.userId = principal.userId;
          socket.data.sessionId = principal.sessionId;
          void socket.join([userRoom(principal.userId), sessionRoom(principal.sessionId)]);
          next();
        })
        .catch((err: unknown) => {
          this.logger.error(err);
          next(new Error('Authentication failed'));
        });
    });
    this.unsubscribe.push(
      this.bus.on('activity.recorded', (event) => {
        this.later(() => server.to(workspaceRoom(event.workspaceId)).emit('event', event));
      }),
      this.bus.on('notification.pushed', ({ userId, push }) => {
        this.later(() => server.to(userRoom(userId)).emit('notification', push));
      }),
      this.bus.on('proposal.tally', (tally) => {
        this.later(() => server.to(workspaceRoom(tally.workspaceId)).emit('proposal:tally', tally));
      }),
      // Remote copies are skipped: the Redis adapter already applies these to every instance.
      // A recovered one (Redis lost it, and the adapter's copy with it) is applied here, locally.
      this.bus.on('member.access_changed', (change, { remote, recovered }) => {
        if (remote && !recovered) return;
        const io = recovered ? server.local : server;
        this.later(() => {
          if (change.role === null) {
            io.in(userRoom(change.userId)).socketsLeave(workspaceRoom(change.workspaceId));
          }
          io.to(userRoom(change.userId)).emit('membership', {
            workspaceId: change.workspaceId,
            role: change.role,
            broker: change.broker,
            partnerId: change.partnerId,
          });
        });
      }),
      this.bus.on('session.revoked', ({ sessionId }, { remote, recovered }) => {
        if (remote && !recovered) return;
        const io = recovered ? server.local : server;
        this.later(() => io.in(sessionRoom(sessionId)).disconnectSockets(true));
      }),
    );
  }

  private later(push: () => void): void {
    this.outbox.push(push);
    if (this.outbox.length === 1) setImmediate(this.flushOutbox);
  }

  private readonly flushOutbox = (): void => {
    const pushes = this.outbox;
    this.outbox = [];
    for (const push of pushes) {
      try {
        push();
      } catch (err) {
        this.logger.error(err);
      }
    }
  };

  onModuleDestroy(): void {
    this.unsubscribe.forEach((u) => u());
    // What was committed before shutdown still reaches the sockets that are open.
    this.flushOutbox();
  }

  @SubscribeMessage('workspace:join')
  async join(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() data: unknown,
  ): Promise<SocketAck> {
    try {
      const workspaceId = this.workspaceIdOf(data);
      const role = await this.members.roleOf(workspaceId, socket.data.userId);
      if (!role) throw new DomainError(ErrorCode.NOT_FOUND, 'Workspace not found');
      await socket.join(workspaceRoom(workspaceId));
      return { ok: true };
    } catch (err) {
      return nack(err);
    }
  }

  @SubscribeMessage('workspace:leave')
  async leave(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() data: unknown,
  ): Promise<SocketAck> {
    try {
      await socket.leave(workspaceRoom(this.workspaceIdOf(data)));
      return { ok: true };
    } catch (err) {
      return nack(err);
    }
  }

  private workspaceIdOf(data: unknown): string {
    const id = (data as { workspaceId?: unknown } | null)?.workspaceId;
    if (!isUuid(id)) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'Workspace not found');
    }
    return id.toLowerCase();
  }

  private async authenticate(socket: AppSocket) {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && token) return this.auth.verifyAccessToken(token);
    return this.auth.authenticateCookieHeader(socket.handshake.headers.cookie);
  }
}
