import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  adviceInputSchema,
  createProposalSchema,
  decideInputSchema,
  extendProposalSchema,
  proposalListQuerySchema,
  statementInputSchema,
  voteInputSchema,
  type AdviceInput,
  type CreateProposal,
  type DecideInput,
  type ExtendProposalInput,
  type Page,
  type PendingVoteDto,
  type ProposalDto,
  type ProposalListQuery,
  type ProposalPreviewDto,
  type StatementInput,
  type VoteInput,
  ErrorCode,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import type { AuthContext } from '../../common/auth/auth.types';
import { CurrentMember, CurrentUser } from '../../common/auth/current-user.decorator';
import { ResourceAccess } from '../../common/auth/resource-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { ProposalsService } from './proposals.service';
import { LimitCreates } from '../../common/rate-limit/rate-limit.interceptor';

/**
 * The caller's rights on the proposal are checked by `@ResourceAccess` guards before the body's
 * pipe, so the contract's precedence 404 → 403 → 400 → 409 holds (an observer's bad vote is a
 * 403); the service checks them again under the row lock.
 */
@ApiTags('proposals')
@Controller('workspaces/:wid/proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post()
  @ApiOperation({ summary: 'Propose admitting a partner' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.CONFLICT)
  @ApiZodBody(createProposalSchema, {
    candidate: {
      kind: 'organisation',
      name: 'Sportclub Noord',
      actorType: 'sports',
      motivations: ['greater_impact'],
      contactEmail: 'contact@sportclub-noord.example.org',
    },
    tier: 'broad',
    rationale: 'They reach teenagers we do not reach yet.',
    principleFit: [{ principleId: '0b6f1c2e-8d4a-4f3e-9a51-2c7d9e4b6a10', fits: true }],
  })
  @LimitCreates('proposals')
  @ApiCreatedResponse({ description: 'The proposal, open, with its frozen policy and electorate' })
  @ResourceAccess(ProposalsService, (s, r) => s.authorizePropose(r.member))
  create(
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(createProposalSchema)) body: CreateProposal,
  ): Promise<ProposalDto> {
    return this.proposals.create(me, body);
  }

  @Get()
  @ApiOperation({ summary: 'List proposals, open first' })
  @ApiZodQuery(proposalListQuerySchema)
  @ApiOkResponse({ description: '{items: Proposal[], nextCursor}: open first, then newest' })
  list(
    @CurrentMember() me: Membership,
    @Query(new ZodPipe(proposalListQuerySchema)) q: ProposalListQuery,
  ): Promise<Page<ProposalDto>> {
    return this.proposals.list(me, q);
  }

  /** Registered before `:id` so `preview` is never taken for an id. */
  @Post('preview')
  @ApiOperation({ summary: 'Preview what opening a proposal would freeze' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @HttpCode(200)
  @ApiZodBody(createProposalSchema)
  @ApiOkResponse({
    description:
      'What opening this proposal now would freeze (rule, deadlines, electorate with weights and representatives) and warnings; nothing is written',
  })
  @ResourceAccess(ProposalsService, (s, r) => s.authorizePropose(r.member))
  preview(
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(createProposalSchema)) body: CreateProposal,
  ): Promise<ProposalPreviewDto> {
    return this.proposals.preview(me, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a proposal with its tally, votes and advice' })
  get(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
  ): Promise<ProposalDto> {
    return this.proposals.get(me.workspaceId, id, me);
  }

  @Post(':id/votes')
  @ApiOperation({ summary: "Cast or replace my partner's vote" })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @HttpCode(200)
  @ApiZodBody(voteInputSchema)
  @ApiOkResponse({
    description: "The proposal after casting or replacing the caller's partner's vote",
  })
  @ResourceAccess(ProposalsService, (s, r) =>
    s.authorizeAction(r.member, r.id('id', 'Proposal'), 'vote'),
  )
  vote(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
    @Body(new ZodPipe(voteInputSchema)) body: VoteInput,
  ): Promise<ProposalDto> {
    return this.proposals.vote(me, id, body);
  }

  @Post(':id/advice')
  @ApiOperation({ summary: 'Give advice on an autonomous proposal' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @HttpCode(200)
  @ApiZodBody(adviceInputSchema)
  @ResourceAccess(ProposalsService, (s, r) =>
    s.authorizeAction(r.member, r.id('id', 'Proposal'), 'advise'),
  )
  advise(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
    @Body(new ZodPipe(adviceInputSchema)) body: AdviceInput,
  ): Promise<ProposalDto> {
    return this.proposals.advise(me, id, body);
  }

  @Post(':id/decide')
  @ApiOperation({ summary: 'Decide an autonomous proposal (decider)' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @HttpCode(200)
  @ApiZodBody(decideInputSchema)
  @ResourceAccess(ProposalsService, (s, r) =>
    s.authorizeAction(r.member, r.id('id', 'Proposal'), 'decide'),
  )
  decide(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
    @Body(new ZodPipe(decideInputSchema)) body: DecideInput,
  ): Promise<ProposalDto> {
    return this.proposals.decide(me, id, body);
  }

  @Post(':id/withdraw')
  @ApiOperation({ summary: 'Withdraw an open proposal' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @HttpCode(200)
  withdraw(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
  ): Promise<ProposalDto> {
    return this.proposals.withdraw(me, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Extend the deadline of an open proposal (coordinator)' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @ApiZodBody(extendProposalSchema, { closesAt: '2030-01-08T12:00:00Z' })
  @ApiOkResponse({
    description:
      'The proposal with its new `closesAt` (only later than the current one); vote reminders follow the new deadline',
  })
  @ResourceAccess(ProposalsService, (s, r) =>
    s.authorizeAction(r.member, r.id('id', 'Proposal'), 'extend'),
  )
  extend(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
    @Body(new ZodPipe(extendProposalSchema)) body: ExtendProposalInput,
  ): Promise<ProposalDto> {
    return this.proposals.extend(me, id, body);
  }

  @Post(':id/statement')
  @ApiOperation({ summary: 'Add a statement to the outcome of a closed proposal' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @HttpCode(200)
  @ApiZodBody(statementInputSchema, {
    text: 'Welcome! Your first meeting is on the 12th; we start with the youth festival.',
  })
  @ApiOkResponse({
    description:
      "The proposal; `outcome.statement` {text, by, at} (proposer or coordinator, after closing; replaces an earlier one). The electorate's representatives are notified",
  })
  @ResourceAccess(ProposalsService, (s, r) =>
    s.authorizeAction(r.member, r.id('id', 'Proposal'), 'statement'),
  )
  statement(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
    @Body(new ZodPipe(statementInputSchema)) body: StatementInput,
  ): Promise<ProposalDto> {
    return this.proposals.addStatement(me, id, body);
  }

  @Post(':id/remind')
  @ApiOperation({ summary: 'Remind the partners without a vote (at most once an hour)' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE, ErrorCode.RATE_LIMITED)
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'The proposal (`remindedAt`, `remindAllowedAt`); the representatives of partners without an effective vote get a `vote_reminder`. 429 with Retry-After within an hour of the last one',
  })
  remind(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Proposal')) id: string,
  ): Promise<ProposalDto> {
    return this.proposals.remind(me, id);
  }
}

@ApiTags('proposals')
@Controller('me')
export class MyPendingVotesController {
  constructor(private readonly proposals: ProposalsService) {}

  @Get('pending-votes')
  @ApiOperation({ summary: 'Open proposals, across my networks, where my partner has no vote' })
  @ApiOkResponse({
    description:
      '{items: [{workspaceId, workspaceName, proposalId, partnerId, candidateName, tier, closesAt}]}, soonest deadline first; a delegate’s vote counts as my partner’s',
  })
  pendingVotes(@CurrentUser() me: AuthContext): Promise<{ items: PendingVoteDto[] }> {
    return this.proposals.pendingVotes(me.userId);
  }
}
