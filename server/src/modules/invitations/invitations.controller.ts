import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  createInvitationSchema,
  paginationQuerySchema,
  type CreatedInvitationDto,
  type InvitationDto,
  type InvitationPreviewDto,
  type MemberDto,
  type MyInvitationsDto,
  type Page,
  type PaginationQuery,
  ErrorCode,
} from '@coalesce/shared';
import type { z } from 'zod';
import type { AuthContext, Membership } from '../../common/auth/auth.types';
import { CurrentMember, CurrentUser } from '../../common/auth/current-user.decorator';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canManageInvitations } from './invitations.policy';
import { InvitationsService } from './invitations.service';
import { LimitCreates } from '../../common/rate-limit/rate-limit.interceptor';

const coordinatorsOnly = 'Only coordinators can manage invitations';

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('workspaces/:wid/invitations')
  @ApiOperation({ summary: 'Invite someone to the workspace (coordinator)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @LimitCreates('invitations')
  @WorkspaceAccess(canManageInvitations, coordinatorsOnly)
  @ApiZodBody(createInvitationSchema, {
    email: 'an@example.org',
    role: 'member',
    broker: false,
    partnerId: '5d0e3a9c-1f2b-4c6d-8e7f-a0b1c2d3e4f5',
    expiresInHours: 168,
  })
  @ApiCreatedResponse({ description: 'The invitation with its token' })
  create(
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(createInvitationSchema)) body: z.output<typeof createInvitationSchema>,
  ): Promise<CreatedInvitationDto> {
    return this.invitations.create(me, body);
  }

  @Get('workspaces/:wid/invitations')
  @ApiOperation({ summary: 'List pending invitations (coordinator)' })
  @WorkspaceAccess(canManageInvitations, coordinatorsOnly)
  @ApiZodQuery(paginationQuerySchema)
  @ApiOkResponse({
    description:
      '{items, nextCursor}: pending invitations, newest first, each with its link token (null for old ones)',
  })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(paginationQuerySchema)) q: PaginationQuery,
  ): Promise<Page<InvitationDto>> {
    return this.invitations.listPending(wid, q);
  }

  @Delete('workspaces/:wid/invitations/:id')
  @ApiOperation({ summary: 'Revoke an invitation (coordinator)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canManageInvitations, coordinatorsOnly)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked' })
  revoke(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Invitation')) id: string,
  ): Promise<void> {
    return this.invitations.revoke(me, id);
  }

  @Get('invitations/:token')
  @ApiOperation({ summary: 'Preview an invitation by its link token' })
  @ApiOkResponse({ description: 'What the accept page shows' })
  preview(@Param('token') token: string): Promise<InvitationPreviewDto> {
    return this.invitations.preview(token);
  }

  @Post('invitations/:token/accept')
  @ApiOperation({ summary: 'Accept an invitation by its link token' })
  @ApiErrors(
    ErrorCode.FORBIDDEN,
    ErrorCode.ALREADY_MEMBER,
    ErrorCode.INVITATION_USED,
    ErrorCode.EXPIRED,
  )
  @HttpCode(200)
  @ApiOkResponse({ description: 'The new membership' })
  accept(@CurrentUser() me: AuthContext, @Param('token') token: string): Promise<MemberDto> {
    return this.invitations.accept(me.userId, token);
  }

  @Get('me/invitations')
  @ApiOperation({ summary: 'List the pending invitations for my email' })
  @ApiOkResponse({
    description:
      '{items}: pending email-bound invitations for my email, to workspaces I am not in, newest first (at most 100)',
  })
  mine(@CurrentUser() me: AuthContext): Promise<MyInvitationsDto> {
    return this.invitations.listMine(me.userId);
  }

  @Post('me/invitations/:id/accept')
  @ApiOperation({ summary: 'Accept an invitation addressed to my email' })
  @ApiErrors(
    ErrorCode.FORBIDDEN,
    ErrorCode.ALREADY_MEMBER,
    ErrorCode.INVITATION_USED,
    ErrorCode.EXPIRED,
  )
  @HttpCode(200)
  @ApiOkResponse({ description: 'The new membership (same rules as accepting by token)' })
  acceptMine(
    @CurrentUser() me: AuthContext,
    @Param('id', new IdPipe('Invitation')) id: string,
  ): Promise<MemberDto> {
    return this.invitations.acceptMine(me.userId, id);
  }

  @Post('me/invitations/:id/decline')
  @ApiOperation({ summary: 'Decline an invitation addressed to my email' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Declined: the invitation can no longer be used' })
  decline(
    @CurrentUser() me: AuthContext,
    @Param('id', new IdPipe('Invitation')) id: string,
  ): Promise<void> {
    return this.invitations.decline(me.userId, id);
  }
}
