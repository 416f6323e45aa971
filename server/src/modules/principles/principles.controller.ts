import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  createPrincipleSchema,
  principleListQuerySchema,
  updatePrincipleSchema,
  type Page,
  type PrincipleDto,
  type PrincipleListQuery,
  ErrorCode,
} from '@coalesce/shared';
import type { z } from 'zod';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canManagePrinciples } from './principles.policy';
import { PrinciplesService } from './principles.service';

const WRITERS = 'Only coordinators can write principles';

@ApiTags('principles')
@Controller('workspaces/:wid/principles')
export class PrinciplesController {
  constructor(private readonly principles: PrinciplesService) {}

  @Get()
  @ApiOperation({ summary: 'List principles in their order' })
  @ApiZodQuery(principleListQuerySchema)
  @ApiOkResponse({ description: '{items: Principle[], nextCursor}, by order' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(principleListQuerySchema)) q: PrincipleListQuery,
  ): Promise<Page<PrincipleDto>> {
    return this.principles.list(wid, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a principle' })
  get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('id', new IdPipe('Principle')) id: string,
  ): Promise<PrincipleDto> {
    return this.principles.get(wid, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a principle (coordinator)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canManagePrinciples, WRITERS)
  @ApiZodBody(createPrincipleSchema)
  @ApiCreatedResponse({ description: 'The principle (inserted at `order`, default last)' })
  create(
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(createPrincipleSchema)) body: z.output<typeof createPrincipleSchema>,
  ): Promise<PrincipleDto> {
    return this.principles.create(me, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update or move a principle (coordinator)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canManagePrinciples, WRITERS)
  @ApiZodBody(updatePrincipleSchema)
  update(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Principle')) id: string,
    @Body(new ZodPipe(updatePrincipleSchema)) body: z.output<typeof updatePrincipleSchema>,
  ): Promise<PrincipleDto> {
    return this.principles.update(me, id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a principle (coordinator)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @HttpCode(204)
  @WorkspaceAccess(canManagePrinciples, WRITERS)
  @ApiNoContentResponse({ description: 'Deleted; the ones after it move up' })
  remove(
    @CurrentMember() me: Membership,
    @Param('id', new IdPipe('Principle')) id: string,
  ): Promise<void> {
    return this.principles.remove(me, id);
  }
}
