import { Injectable } from '@nestjs/common';
import {
  COMMENT_DELETE_DENIED,
  COMMENT_EDIT_DENIED,
  ErrorCode,
  mentionedUserIds,
  newlyMentioned,
  THREADS_WRITE_DENIED,
  canDeleteComment,
  canEditComment,
  canResolveThreads,
  canWriteThreads,
  type CommentBody,
  type CreateThread,
  type Page,
  type ThreadDto,
  type ThreadListQuery,
  type ThreadSubject,
  type UpdateThread,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import { clock } from '../../common/clock/clock';
import { findInWorkspace } from '../../common/database/workspace-row';
import { conflict, forbidden, invalid, notFound } from '../../common/errors/domain-error';
import { keysetPage } from '../../common/pagination/cursor';
import { ActivityService } from '../activity/activity.service';
import { DocumentsService } from '../documents/documents.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { MembersService } from '../members/members.service';
import { ProposalsService } from '../proposals/proposals.service';
import { ThreadCommentEntity, ThreadEntity } from './threads.entity';
import { excerpt, toThreadDto } from './threads.util';

/** What the events of a thread say about its subject (for the sentences and the filters). */
interface SubjectInfo {
  payload: Record<string, unknown>;
  partnerIds: string[];
}

/**
 * Discussions on documents, proposals and experiments. Every write is one transaction with its
 * event; mentions (`<@userId>`) must name members, and the mentioned members are notified by
 * the notifications module from the event's `mentions`.
 */
@Injectable()
export class ThreadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly members: MembersService,
    private readonly proposals: ProposalsService,
    private readonly experiments: ExperimentsService,
    private readonly documents: DocumentsService,
  ) {}

  /** Who wrote each comment of the workspace, and when (the participation module's counts). */
  async commentAuthors(workspaceId: string): Promise<{ authorId: string; createdAt: Date }[]> {
    return this.dataSource
      .getRepository(ThreadCommentEntity)
      .createQueryBuilder('c')
      .select(['c.authorId', 'c.createdAt'])
      .where('c.workspaceId = :workspaceId', { workspaceId })
      .getMany();
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Open threads first, then the newest; each with all its comments, oldest first. */
  async list(workspaceId: string, q: ThreadListQuery): Promise<Page<ThreadDto>> {
    const qb = this.dataSource
      .getRepository(ThreadEntity)
      .createQueryBuilder('t')
      .where('t.workspaceId = :workspaceId', { workspaceId });
    if (q.subjectType) qb.andWhere('t.subjectType = :subjectType', { subjectType: q.subjectType });
    if (q.subjectId) qb.andWhere('t.subjectId = :subjectId', { subjectId: q.subjectId });
    if (q.resolved !== undefined) qb.andWhere('t.resolved = :resolved', { resolved: q.resolved });
    const page = await keysetPage(qb, {
      keys: [
        {
          column: `(CASE WHEN t.resolved THEN 0 ELSE 1 END)`,
          kind: 'int',
          value: (t) => (t.resolved ? '0' : '1'),
        },
        { column: 't.createdAt', kind: 'timestamp', value: (t) => t.createdAt.toISOString() },
        { column: 't.id', kind: 'uuid', value: (t) => t.id },
      ],
      direction: 'DESC',
      limit: q.limit,
      cursor: q.cursor,
    });
    return {
      items: await this.toDtos(this.dataSource.manager, page.items),
      nextCursor: page.nextCursor,
    };
  }

  async get(workspaceId: string, threadId: string, manager?: EntityManager): Promise<ThreadDto> {
    const m = manager ?? this.dataSource.manager;
    const t = await m.getRepository(ThreadEntity).findOneBy({ id: threadId, workspaceId });
    if (!t) throw notFound('Thread');
    const [dto] = await this.toDtos(m, [t]);
    return dto!;
  }

  // ---- writing -------------------------------------------------------------------------------

  /** 403 (the guard) → 400 (body, subject, mentions). */
  async open(me: Membership, input: CreateThread): Promise<ThreadDto> {
    if (!canWriteThreads(me)) throw forbidden(THREADS_WRITE_DENIED);
    const id = await this.dataSource.transaction(async (manager) => {
      const info = await this.subjectInfo(manager, me.workspaceId, input.subject);
      const mentions = await this.assertMentions(manager, me.workspaceId, input.text);
      const now = clock.stamp();
      const thread = await manager.getRepository(ThreadEntity).save(
        manager.getRepository(ThreadEntity).create({
          workspaceId: me.workspaceId,
          subjectType: input.subject.type,
          subjectId: input.subject.id,
          anchor: input.subject.type === 'document' ? input.subject.anchor : null,
          resolved: false,
          resolvedBy: null,
          resolvedAt: null,
          createdBy: me.userId,
          createdAt: now,
        }),
      );
      const comment = await manager.getRepository(ThreadCommentEntity).save(
        manager.getRepository(ThreadCommentEntity).create({
          workspaceId: me.workspaceId,
          threadId: thread.id,
          authorId: me.userId,
          text: input.text,
          createdAt: thread.createdAt,
          editedAt: null,
        }),
      );
      await this.record(manager, me, 'thread.opened', thread, info, {
        commentId: comment.id,
        text: excerpt(input.text),
        mentions,
        ...(thread.anchor ? { quote: excerpt(thread.anchor.quote, 200) } : {}),
      });
      return thread.id;
    });
    return this.get(me.workspaceId, id);
  }

  /** 404 (unknown thread), then 403: whether the caller may reply in it. */
  async authorizeComment(me: Membership, threadId: string): Promise<void> {
    await this.find(me.workspaceId, threadId);
    if (!canWriteThreads(me)) throw forbidden(THREADS_WRITE_DENIED);
  }

  /** 404 → 403 → 400 → 409 (a resolved thread is reopened before it takes replies). */
  async addComment(me: Membership, threadId: string, input: CommentBody): Promise<ThreadDto> {
    await this.authorizeComment(me, threadId);
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.lock(manager, me.workspaceId, threadId);
      const mentions = await this.assertMentions(manager, me.workspaceId, input.text);
      if (thread.resolved) {
        throw conflict('The thread is resolved; reopen it to reply', ErrorCode.THREAD_RESOLVED);
      }
      const info = await this.subjectInfo(manager, me.workspaceId, thread);
      const repo = manager.getRepository(ThreadCommentEntity);
      const comment = await repo.save(
        repo.create({
          workspaceId: me.workspaceId,
          threadId,
          authorId: me.userId,
          text: input.text,
          createdAt: clock.stamp(),
          editedAt: null,
        }),
      );
      await this.record(manager, me, 'comment.added', thread, info, {
        commentId: comment.id,
        text: excerpt(input.text),
        mentions,
      });
    });
    return this.get(me.workspaceId, threadId);
  }

  /** 404 (thread, then comment), then 403: only its author edits a comment. */
  async authorizeEditComment(me: Membership, threadId: string, commentId: string): Promise<void> {
    const found = await this.findComment(this.dataSource.manager, me, threadId, commentId);
    if (!canEditComment(me, found)) throw forbidden(COMMENT_EDIT_DENIED);
  }

  /** 404 → 403 (author only) → 400. Newly mentioned members are notified; the others not again. */
  async editComment(
    me: Membership,
    threadId: string,
    commentId: string,
    input: CommentBody,
  ): Promise<ThreadDto> {
    await this.authorizeEditComment(me, threadId, commentId);
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.lock(manager, me.workspaceId, threadId);
      const comment = await this.findComment(manager, me, threadId, commentId);
      await this.assertMentions(manager, me.workspaceId, input.text);
      if (comment.text === input.text) return;
      const info = await this.subjectInfo(manager, me.workspaceId, thread);
      await manager
        .getRepository(ThreadCommentEntity)
        .update({ id: commentId }, { text: input.text, editedAt: clock.now() });
      await this.record(manager, me, 'comment.edited', thread, info, {
        commentId,
        text: excerpt(input.text),
        mentions: newlyMentioned(comment.text, input.text),
      });
    });
    return this.get(me.workspaceId, threadId);
  }

  /** 404 → 403 (author or coordinator). The thread goes with its last comment. */
  async deleteComment(me: Membership, threadId: string, commentId: string): Promise<void> {
    const found = await this.findComment(this.dataSource.manager, me, threadId, commentId);
    if (!canDeleteComment(me, found)) throw forbidden(COMMENT_DELETE_DENIED);
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.lock(manager, me.workspaceId, threadId);
      const comment = await this.findComment(manager, me, threadId, commentId);
      const repo = manager.getRepository(ThreadCommentEntity);
      await repo.delete({ id: commentId });
      const left = await repo.countBy({ threadId });
      if (!left) await manager.getRepository(ThreadEntity).delete({ id: threadId });
      const info = await this.subjectInfo(manager, me.workspaceId, thread, { gone: 'ok' });
      await this.record(manager, me, 'comment.deleted', thread, info, {
        commentId,
        authorId: comment.authorId,
        threadDeleted: !left,
      });
    });
  }

  /** 404 (unknown thread), then 403: whether the caller may resolve or reopen it. */
  async authorizeUpdate(me: Membership, threadId: string): Promise<void> {
    await this.find(me.workspaceId, threadId);
    if (!canResolveThreads(me)) throw forbidden(THREADS_WRITE_DENIED);
  }

  /** 404 → 403 → 400 → 409 (already in that state). */
  async update(me: Membership, threadId: string, input: UpdateThread): Promise<ThreadDto> {
    await this.authorizeUpdate(me, threadId);
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.lock(manager, me.workspaceId, threadId);
      if (thread.resolved === input.resolved) {
        throw conflict(
          input.resolved ? 'The thread is already resolved' : 'The thread is already open',
          ErrorCode.INVALID_STATE,
        );
      }
      const patch = input.resolved
        ? { resolved: true, resolvedBy: me.userId, resolvedAt: clock.now() }
        : { resolved: false, resolvedBy: null, resolvedAt: null };
      await manager.getRepository(ThreadEntity).update({ id: threadId }, patch);
      const info = await this.subjectInfo(manager, me.workspaceId, thread, { gone: 'ok' });
      await this.record(
        manager,
        me,
        input.resolved ? 'thread.resolved' : 'thread.reopened',
        thread,
        info,
        {},
      );
    });
    return this.get(me.workspaceId, threadId);
  }

  // ---- internals -----------------------------------------------------------------------------

  private find(workspaceId: string, threadId: string) {
    return findInWorkspace(this.dataSource.manager, ThreadEntity, 'Thread', workspaceId, threadId);
  }

  private lock(manager: EntityManager, workspaceId: string, threadId: string) {
    return findInWorkspace(manager, ThreadEntity, 'Thread', workspaceId, threadId, { lock: true });
  }

  private async findComment(
    manager: EntityManager,
    me: Membership,
    threadId: string,
    commentId: string,
  ): Promise<ThreadCommentEntity> {
    const c = await manager
      .getRepository(ThreadCommentEntity)
      .findOneBy({ id: commentId, threadId, workspaceId: me.workspaceId });
    if (!c) {
      // The thread's 404 first, then the comment's.
      await findInWorkspace(manager, ThreadEntity, 'Thread', me.workspaceId, threadId);
      throw notFound('Comment');
    }
    return c;
  }

  /** Every `<@id>` must be a member of the workspace: else 400 naming `text`. */
  private async assertMentions(
    manager: EntityManager,
    workspaceId: string,
    text: string,
  ): Promise<string[]> {
    const ids = mentionedUserIds(text);
    if (!ids.length) return [];
    const members = new Set(await this.members.memberIdsAmong(workspaceId, ids, manager));
    const strangers = ids.filter((id) => !members.has(id));
    if (strangers.length) {
      throw invalid(
        ['text'],
        `mentions someone who is not a member: ${strangers.join(', ')}`,
        'mention_not_member',
      );
    }
    return ids;
  }

  /**
   * The subject as the owning module knows it: 400 naming `subject.id` when it is not in the
   * workspace (opening a thread); a later write on a thread whose subject went away still tells.
   */
  private async subjectInfo(
    manager: EntityManager,
    workspaceId: string,
    subject: Pick<ThreadSubject, 'type' | 'id'> | ThreadEntity,
    { gone = 'refuse' }: { gone?: 'refuse' | 'ok' } = {},
  ): Promise<SubjectInfo> {
    const type = 'type' in subject ? subject.type : subject.subjectType;
    const id = 'type' in subject ? subject.id : subject.subjectId;
    const refuse = (): SubjectInfo => {
      if (gone === 'ok' || !('type' in subject)) return { payload: {}, partnerIds: [] };
      throw invalid(['subject', 'id'], `no such ${type} in this workspace`, 'unknown_subject');
    };
    if (type === 'proposal') {
      const p = await this.proposals.threadSubject(manager, workspaceId, id);
      if (!p) return refuse();
      return {
        payload: { candidatePartnerId: p.candidatePartnerId },
        partnerIds: [p.candidatePartnerId],
      };
    }
    if (type === 'experiment') {
      const e = await this.experiments.threadSubject(manager, workspaceId, id);
      if (!e) return refuse();
      return { payload: { title: e.title }, partnerIds: e.partnerIds };
    }
    const d = await this.documents.threadSubject(manager, workspaceId, id);
    if (!d) return refuse();
    return {
      payload: { title: d.title, kind: d.kind, titleIsDefault: d.titleIsDefault },
      partnerIds: [],
    };
  }

  private async record(
    manager: EntityManager,
    me: Membership,
    type:
      | 'thread.opened'
      | 'comment.added'
      | 'comment.edited'
      | 'comment.deleted'
      | 'thread.resolved'
      | 'thread.reopened',
    thread: ThreadEntity,
    info: SubjectInfo,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await this.activity.record(manager, {
      workspaceId: me.workspaceId,
      type,
      actorId: me.userId,
      subjectType: 'thread',
      subjectId: thread.id,
      partnerIds: info.partnerIds,
      payload: {
        threadId: thread.id,
        subjectType: thread.subjectType,
        subjectId: thread.subjectId,
        ...info.payload,
        ...extra,
      },
    });
  }

  private async toDtos(manager: EntityManager, threads: ThreadEntity[]): Promise<ThreadDto[]> {
    if (!threads.length) return [];
    const comments = await manager.getRepository(ThreadCommentEntity).find({
      where: { threadId: In(threads.map((t) => t.id)) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const byThread = new Map<string, ThreadCommentEntity[]>();
    for (const c of comments) {
      const list = byThread.get(c.threadId) ?? [];
      list.push(c);
      byThread.set(c.threadId, list);
    }
    return threads.map((t) => toThreadDto(t, byThread.get(t.id) ?? []));
  }
}
