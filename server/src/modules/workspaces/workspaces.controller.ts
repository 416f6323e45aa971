import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createWorkspaceSchema,
  paginationQuerySchema,
  updateWorkspaceSchema,
  type CreateWorkspaceInput,
  type Page,
  type PaginationQuery,
  type StageChangeDto,
  type UpdateWorkspaceInput,
  type WorkspaceDto,
  ErrorCode,
} from '@coalesce/shared';
import type { AuthContext, Membership } from '../../common/auth/auth.types';
import { CurrentMember, CurrentUser } from '../../common/auth/current-user.decorator';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canUpdateWorkspace } from './workspaces.policy';
import { WorkspacesService } from './workspaces.service';
import { LimitCreates } from '../../common/rate-limit/rate-limit.interceptor';

@ApiTags('workspaces')
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a workspace (network)' })
  @LimitCreates('workspaces')
  @ApiZodBody(createWorkspaceSchema)
  @ApiCreatedResponse({ description: 'The workspace; the caller is its coordinator' })
  create(
    @CurrentUser() me: AuthContext,
    @Body(new ZodPipe(createWorkspaceSchema)) body: CreateWorkspaceInput,
  ): Promise<WorkspaceDto> {
    return this.workspaces.create(me.userId, body);
  }

  @Get()
  @ApiOperation({ summary: 'List the workspaces I am a member of' })
  @ApiZodQuery(paginationQuerySchema)
  @ApiOkResponse({ description: '{items, nextCursor}: the workspaces I am a member of' })
  listMine(
    @CurrentUser() me: AuthContext,
    @Query(new ZodPipe(paginationQuerySchema)) q: PaginationQuery,
  ): Promise<Page<WorkspaceDto>> {
    return this.workspaces.listMine(me.userId, q);
  }

  @Get(':wid')
  @ApiOperation({ summary: 'Get a workspace' })
  get(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
  ): Promise<WorkspaceDto> {
    return this.workspaces.get(me);
  }

  @Patch(':wid')
  @ApiOperation({ summary: 'Update a workspace (coordinator)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canUpdateWorkspace, 'Only coordinators can change the workspace')
  @ApiZodBody(updateWorkspaceSchema)
  update(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(updateWorkspaceSchema)) body: UpdateWorkspaceInput,
  ): Promise<WorkspaceDto> {
    return this.workspaces.update(me, body);
  }

  @Get(':wid/stage-history')
  @ApiOperation({ summary: 'List the stages a workspace went through' })
  @ApiOkResponse({ description: '{items}: every stage the workspace entered, oldest first' })
  async stageHistory(
    @Param('wid', new IdPipe('Workspace')) wid: string,
  ): Promise<{ items: StageChangeDto[]; nextCursor: null }> {
    return { items: await this.workspaces.stageHistory(wid), nextCursor: null };
  }
}
