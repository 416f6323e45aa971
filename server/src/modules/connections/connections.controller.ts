import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  connectionListQuerySchema,
  proposeConnectionSchema,
  respondConnectionSchema,
  type ConnectionDto,
  type ConnectionListQuery,
  type Page,
  type ProposeConnection,
  type RespondConnection,
  ErrorCode,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { ResourceAccess } from '../../common/auth/resource-access';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canProposeConnections, PROPOSE_DENIED } from './connections.policy';
import { ConnectionsService } from './connections.service';

@ApiTags('connections')
@Controller('workspaces/:wid/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  @ApiOperation({ summary: 'Propose a connection between two partners (broker)' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.CONFLICT)
  @WorkspaceAccess(canProposeConnections, PROPOSE_DENIED)
  @ApiZodBody(proposeConnectionSchema, {
    fromPartnerId: '5d0e3a9c-1f2b-4c6d-8e7f-a0b1c2d3e4f5',
    toPartnerId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    reason: 'Both run after-school programmes in the same district.',
  })
  @ApiCreatedResponse({ description: 'The connection, `proposed` (brokers only)' })
  propose(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(proposeConnectionSchema)) body: ProposeConnection,
  ): Promise<ConnectionDto> {
    return this.connections.propose(me, body);
  }

  @Get()
  @ApiOperation({ summary: 'List connections between partners' })
  @ApiZodQuery(connectionListQuerySchema)
  @ApiOkResponse({ description: '{items: Connection[], nextCursor}, newest first' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(connectionListQuerySchema)) q: ConnectionListQuery,
  ): Promise<Page<ConnectionDto>> {
    return this.connections.list(wid, q);
  }

  @Get(':cid')
  @ApiOperation({ summary: 'Get a connection with its responses' })
  @ApiOkResponse({ description: 'The connection with its responses' })
  get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('cid', new IdPipe('Connection')) cid: string,
  ): Promise<ConnectionDto> {
    return this.connections.get(wid, cid);
  }

  @Post(':cid/respond')
  @ApiOperation({ summary: 'Answer a proposed connection for one side' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE, ErrorCode.CONFLICT)
  @HttpCode(200)
  @ApiZodBody(respondConnectionSchema)
  @ApiOkResponse({
    description:
      'The connection: both sides accept → `accepted`; one declines → `declined` (representatives of either side, once per side)',
  })
  @ResourceAccess(ConnectionsService, (s, r) =>
    s.authorizeRespond(r.member, r.id('cid', 'Connection')),
  )
  respond(
    @CurrentMember() me: Membership,
    @Param('cid', new IdPipe('Connection')) cid: string,
    @Body(new ZodPipe(respondConnectionSchema)) body: RespondConnection,
  ): Promise<ConnectionDto> {
    return this.connections.respond(me, cid, body);
  }
}
