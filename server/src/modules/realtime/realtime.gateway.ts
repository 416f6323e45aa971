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

interface SocketData {
  userId: string;
  sessionId: string;
}
type AppServer = Server<ClientToServerEvents, ServerToClientEvents, never, SocketData>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, never, SocketData>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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
        server.to(workspaceRoom(event.workspaceId)).emit('event', event);
      }),
      this.bus.on('notification.pushed', ({ userId, push }) => {
        server.to(userRoom(userId)).emit('notification', push);
      }),
      this.bus.on('proposal.tally', (tally) => {
        server.to(workspaceRoom(tally.workspaceId)).emit('proposal:tally', tally);
      }),
      // Remote copies are skipped: the Redis adapter already applies these to every instance.
      this.bus.on('member.access_changed', (change, { remote }) => {
        if (remote) return;
        if (change.role === null) {
          server.in(userRoom(change.userId)).socketsLeave(workspaceRoom(change.workspaceId));
        }
        server.to(userRoom(change.userId)).emit('membership', {
          workspaceId: change.workspaceId,
          role: change.role,
          broker: change.broker,
          partnerId: change.partnerId,
        });
      }),
      this.bus.on('session.revoked', ({ sessionId }, { remote }) => {
        if (remote) return;
        server.in(sessionRoom(sessionId)).disconnectSockets(true);
      }),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe.forEach((u) => u());
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
    if (typeof id !== 'string' || !UUID.test(id)) {
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
