import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  connectionListQuerySchema,
  proposeConnectionSchema,
  respondConnectionSchema,
  type ConnectionDto,
  type ConnectionListQuery,
  type Page,
  type ProposeConnection,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canProposeConnections, PROPOSE_DENIED } from './connections.policy';
import { ConnectionsService } from './connections.service';

@ApiTags('connections')
@Controller('workspaces/:wid/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  @WorkspaceAccess(canProposeConnections, PROPOSE_DENIED)
  @ApiZodBody(proposeConnectionSchema)
  @ApiCreatedResponse({ description: 'The connection, `proposed` (brokers only)' })
  propose(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(proposeConnectionSchema)) body: ProposeConnection,
  ): Promise<ConnectionDto> {
    return this.connections.propose(me, body);
  }

  @Get()
  @ApiZodQuery(connectionListQuerySchema)
  @ApiOkResponse({ description: '{items: Connection[], nextCursor}, newest first' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(connectionListQuerySchema)) q: ConnectionListQuery,
  ): Promise<Page<ConnectionDto>> {
    return this.connections.list(wid, q);
  }

  @Get(':cid')
  @ApiOkResponse({ description: 'The connection with its responses' })
  get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('cid', new IdPipe('Connection')) cid: string,
  ): Promise<ConnectionDto> {
    return this.connections.get(wid, cid);
  }

  /** Validated in the service, after the 404 and 403 checks (contract precedence). */
  @Post(':cid/respond')
  @HttpCode(200)
  @ApiZodBody(respondConnectionSchema)
  @ApiOkResponse({
    description:
      'The connection: both sides accept → `accepted`; one declines → `declined` (representatives of either side, once per side)',
  })
  respond(
    @CurrentMember() me: Membership,
    @Param('cid', new IdPipe('Connection')) cid: string,
    @Body() body: unknown,
  ): Promise<ConnectionDto> {
    return this.connections.respond(me, cid, body);
  }
}
