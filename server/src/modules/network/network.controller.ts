import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  networkQuerySchema,
  suggestionsQuerySchema,
  type NetworkQuery,
  type PerceivedNetworkDto,
  type SuggestionsQuery,
} from '@coalesce/shared';
import type { Request, Response } from 'express';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canSeeSuggestions, SUGGESTIONS_DENIED } from './network.policy';
import { sendPrepared } from './network.response';
import { NetworkService } from './network.service';

@ApiTags('network')
@Controller('workspaces/:wid/network')
export class NetworkController {
  constructor(private readonly network: NetworkService) {}

  @Get()
  @ApiOperation({ summary: 'Get the partner network and its metrics at a moment' })
  @ApiZodQuery(networkQuerySchema)
  @ApiOkResponse({
    description:
      '{nodes, edges, metrics}: the partners active at `at` (ISO date or date-time; default and any future moment: now), rebuilt from the event log for a past `at`',
  })
  async get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(networkQuerySchema)) q: NetworkQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await sendPrepared(req, res, await this.network.network(wid, q.at));
  }

  @Get('perceived')
  @ApiOperation({ summary: 'Get the perceived ties (survey layer) at a moment' })
  @ApiZodQuery(networkQuerySchema)
  @ApiOkResponse({
    description:
      '{wave, edges, differences}: the ties partners reported in the survey wave in force at `at` (the latest opened by then), at the closest level either side reported, and where they differ from the logged ties (rated as collaborating without a shared experiment; a logged connection neither side reports working with). Never individual ratings.',
  })
  perceived(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(networkQuerySchema)) q: NetworkQuery,
  ): Promise<PerceivedNetworkDto> {
    return this.network.perceived(wid, q.at);
  }

  @Get('suggestions')
  @ApiOperation({ summary: 'Suggest connections a broker could make' })
  @WorkspaceAccess(canSeeSuggestions, SUGGESTIONS_DENIED)
  @ApiZodQuery(suggestionsQuerySchema)
  @ApiOkResponse({
    description:
      '{items: BrokerSuggestion[], nextCursor: null}, best first (brokers and coordinators)',
  })
  async suggestions(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(suggestionsQuerySchema)) q: SuggestionsQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await sendPrepared(req, res, await this.network.suggestions(wid, q.limit));
  }
}
