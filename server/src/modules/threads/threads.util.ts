import type { ThreadCommentDto, ThreadDto, ThreadSubject } from '@coalesce/shared';
import type { ThreadCommentEntity, ThreadEntity } from './threads.entity';

/** The comment text an event carries (the full text is on the thread). */
export const EVENT_TEXT_MAX = 500;

export const excerpt = (text: string, max = EVENT_TEXT_MAX): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function toSubject(
  t: Pick<ThreadEntity, 'subjectType' | 'subjectId' | 'anchor'>,
): ThreadSubject {
  if (t.subjectType === 'document') {
    return {
      type: 'document',
      id: t.subjectId,
      anchor: t.anchor ?? { start: '', end: '', quote: '' },
    };
  }
  return { type: t.subjectType, id: t.subjectId };
}

export function toCommentDto(c: ThreadCommentEntity): ThreadCommentDto {
  return {
    id: c.id,
    authorId: c.authorId,
    text: c.text,
    createdAt: c.createdAt.toISOString(),
    ...(c.editedAt ? { editedAt: c.editedAt.toISOString() } : {}),
  };
}

export function toThreadDto(t: ThreadEntity, comments: ThreadCommentEntity[]): ThreadDto {
  return {
    id: t.id,
    subject: toSubject(t),
    resolved: t.resolved,
    ...(t.resolvedBy ? { resolvedBy: t.resolvedBy } : {}),
    ...(t.resolvedAt ? { resolvedAt: t.resolvedAt.toISOString() } : {}),
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    comments: comments.map(toCommentDto),
  };
}
