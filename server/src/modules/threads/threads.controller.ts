import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  canWriteThreads,
  commentBodySchema,
  createThreadSchema,
  ErrorCode,
  threadListQuerySchema,
  THREADS_WRITE_DENIED,
  updateThreadSchema,
  type CommentBody,
  type CreateThread,
  type Page,
  type ThreadDto,
  type ThreadListQuery,
  type UpdateThread,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { ResourceAccess } from '../../common/auth/resource-access';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { LimitCreates } from '../../common/rate-limit/rate-limit.interceptor';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { ThreadsService } from './threads.service';

const EXAMPLE_USER = '3f0c8a52-7d3e-4c55-9a51-2b9f0e6d1c44';

@ApiTags('threads')
@Controller('workspaces/:wid/threads')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Post()
  @ApiOperation({
    summary: 'Open a thread',
    description:
      'On a range of a document (`anchor`: base64 Yjs relative positions and the quoted text), ' +
      'a proposal or an experiment, with its first comment. `<@userId>` mentions a member, who ' +
      'is notified; a mention of anyone else is a 400 naming `text`.',
  })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @LimitCreates('threads')
  @WorkspaceAccess(canWriteThreads, THREADS_WRITE_DENIED)
  @ApiZodBody(createThreadSchema, {
    subject: { type: 'proposal', id: 'b0d4f7a1-5c2e-4e8b-9f3a-6d1c2b3a4e5f' },
    text: `Do they have room for the Wednesday group? <@${EXAMPLE_USER}> knows them.`,
  })
  @ApiCreatedResponse({ description: 'The thread with its first comment' })
  open(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(createThreadSchema)) body: CreateThread,
  ): Promise<ThreadDto> {
    return this.threads.open(me, body);
  }

  @Get()
  @ApiOperation({ summary: 'List threads (open first, then the newest), with their comments' })
  @ApiZodQuery(threadListQuerySchema)
  @ApiOkResponse({ description: '{items: Thread[], nextCursor}' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(threadListQuerySchema)) q: ThreadListQuery,
  ): Promise<Page<ThreadDto>> {
    return this.threads.list(wid, q);
  }

  @Get(':tid')
  @ApiOperation({ summary: 'Get a thread with its comments' })
  @ApiOkResponse({ description: 'The thread, comments oldest first' })
  get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('tid', new IdPipe('Thread')) tid: string,
  ): Promise<ThreadDto> {
    return this.threads.get(wid, tid);
  }

  @Patch(':tid')
  @ApiOperation({ summary: 'Resolve or reopen a thread' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @ApiZodBody(updateThreadSchema, { resolved: true })
  @ApiOkResponse({ description: 'The thread; 409 when it already is in that state' })
  @ResourceAccess(ThreadsService, (s, r) => s.authorizeUpdate(r.member, r.id('tid', 'Thread')))
  update(
    @CurrentMember() me: Membership,
    @Param('tid', new IdPipe('Thread')) tid: string,
    @Body(new ZodPipe(updateThreadSchema)) body: UpdateThread,
  ): Promise<ThreadDto> {
    return this.threads.update(me, tid, body);
  }

  @Post(':tid/comments')
  @ApiOperation({ summary: 'Reply in a thread' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.THREAD_RESOLVED)
  @LimitCreates('threads')
  @ApiZodBody(commentBodySchema, { text: `Agreed. <@${EXAMPLE_USER}>, can you ask them?` })
  @ApiCreatedResponse({ description: 'The thread with the new comment last' })
  @ResourceAccess(ThreadsService, (s, r) => s.authorizeComment(r.member, r.id('tid', 'Thread')))
  addComment(
    @CurrentMember() me: Membership,
    @Param('tid', new IdPipe('Thread')) tid: string,
    @Body(new ZodPipe(commentBodySchema)) body: CommentBody,
  ): Promise<ThreadDto> {
    return this.threads.addComment(me, tid, body);
  }

  @Patch(':tid/comments/:cid')
  @ApiOperation({ summary: 'Edit your comment' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiZodBody(commentBodySchema, { text: 'Agreed, for the Wednesday group only.' })
  @ApiOkResponse({ description: 'The thread; the comment carries `editedAt`' })
  @ResourceAccess(ThreadsService, (s, r) =>
    s.authorizeEditComment(r.member, r.id('tid', 'Thread'), r.id('cid', 'Comment')),
  )
  editComment(
    @CurrentMember() me: Membership,
    @Param('tid', new IdPipe('Thread')) tid: string,
    @Param('cid', new IdPipe('Comment')) cid: string,
    @Body(new ZodPipe(commentBodySchema)) body: CommentBody,
  ): Promise<ThreadDto> {
    return this.threads.editComment(me, tid, cid, body);
  }

  @Delete(':tid/comments/:cid')
  @ApiOperation({ summary: 'Delete a comment (its author or a coordinator)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; a thread without comments goes with it' })
  deleteComment(
    @CurrentMember() me: Membership,
    @Param('tid', new IdPipe('Thread')) tid: string,
    @Param('cid', new IdPipe('Comment')) cid: string,
  ): Promise<void> {
    return this.threads.deleteComment(me, tid, cid);
  }
}
