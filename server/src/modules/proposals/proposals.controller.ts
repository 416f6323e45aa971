import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  adviceInputSchema,
  createProposalSchema,
  decideInputSchema,
  proposalListQuerySchema,
  voteInputSchema,
  type Page,
  type ProposalDto,
  type ProposalListQuery,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { ProposalsService } from './proposals.service';
import { LimitCreates } from '../../common/rate-limit/rate-limit.interceptor';

/**
 * Bodies are validated in the service right after the caller's rights are checked, so the
 * contract's precedence 404 → 403 → 400 → 409 holds (e.g. an observer's bad vote is a 403).
 */
@ApiTags('proposals')
@Controller('workspaces/:wid/proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post()
  @LimitCreates('proposals')
  @ApiZodBody(createProposalSchema)
  @ApiCreatedResponse({ description: 'The proposal, open, with its frozen policy and electorate' })
  create(@CurrentMember() me: Membership, @Body() body: unknown): Promise<ProposalDto> {
    return this.proposals.create(me, body);
  }

  @Get()
  @ApiZodQuery(proposalListQuerySchema)
  @ApiOkResponse({ description: '{items: Proposal[], nextCursor}: open first, then newest' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(proposalListQuerySchema)) q: ProposalListQuery,
  ): Promise<Page<ProposalDto>> {
    return this.proposals.list(wid, q);
  }

  @Get(':id')
  get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('id', new IdPipe('Proposal')) id: string,
  ): Promise<ProposalDto> {
    return this.proposals.get(wid, id);
  }

  @Post(':id/votes')
  @HttpCode(200)
  @ApiZodBody(voteInputSchema)
  @ApiOkResponse({
    description: "The proposal after casting or replacing the caller's partner's vote",
  })
  vote(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
    @Body() body: unknown,
  ): Promise<ProposalDto> {
    return this.proposals.vote(me, id, body);
  }

  @Post(':id/advice')
  @HttpCode(200)
  @ApiZodBody(adviceInputSchema)
  advise(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
    @Body() body: unknown,
  ): Promise<ProposalDto> {
    return this.proposals.advise(me, id, body);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ApiZodBody(decideInputSchema)
  decide(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
    @Body() body: unknown,
  ): Promise<ProposalDto> {
    return this.proposals.decide(me, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
  ): Promise<ProposalDto> {
    return this.proposals.withdraw(me, id);
  }
}
