import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  paginationQuerySchema,
  updateMemberSchema,
  type MemberDto,
  type Page,
  type PaginationQuery,
  type UpdateMemberInput,
  ErrorCode,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canManageMembers } from './members.policy';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('workspaces/:wid/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({ summary: 'List members' })
  @ApiZodQuery(paginationQuerySchema)
  @ApiOkResponse({ description: '{items: Member[], nextCursor}, in joining order' })
  async list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(paginationQuerySchema)) q: PaginationQuery,
    @CurrentMember() me: Membership,
  ): Promise<Page<MemberDto>> {
    const page = await this.members.list(wid, q);
    if (me.role === 'coordinator') return page;
    return { ...page, items: page.items.map(({ email: _hidden, ...rest }) => rest) };
  }

  @Patch(':userId')
  @ApiOperation({ summary: "Change a member's role, broker flag or partner (coordinator)" })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.LAST_COORDINATOR)
  @WorkspaceAccess(canManageMembers, 'Only coordinators can change members')
  @ApiZodBody(updateMemberSchema)
  update(
    @CurrentMember() me: Membership,
    @Param('userId', new IdPipe('Member')) userId: string,
    @Body(new ZodPipe(updateMemberSchema)) body: UpdateMemberInput,
  ): Promise<MemberDto> {
    return this.members.update(me, userId, body);
  }

  @Delete(':userId')
  @ApiOperation({ summary: 'Remove a member, or leave the workspace' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.LAST_COORDINATOR)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed (coordinator) or left (yourself)' })
  remove(
    @CurrentMember() me: Membership,
    @Param('userId', new IdPipe('Member')) userId: string,
  ): Promise<void> {
    return this.members.remove(me, userId);
  }
}
