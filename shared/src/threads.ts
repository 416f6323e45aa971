import { z } from 'zod';
import { LIMITS } from './limits.js';
import { paginationQuerySchema, zId } from './schemas.js';

/** What a discussion thread is about. */
export const THREAD_SUBJECT_TYPES = ['document', 'proposal', 'experiment'] as const;
export type ThreadSubjectType = (typeof THREAD_SUBJECT_TYPES)[number];

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A Yjs relative position (`Y.encodeRelativePosition`), base64-encoded. */
export const zRelativePosition = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.anchorPositionMax)
  .refine((s) => BASE64.test(s), {
    message: 'must be base64 (an encoded Yjs relative position)',
    params: { rule: 'base64' },
  });

/** Where in a document a thread was opened: the range (following edits) and the text it had. */
export const threadAnchorSchema = z.object({
  start: zRelativePosition,
  end: zRelativePosition,
  quote: z.string().max(LIMITS.anchorQuoteMax),
});
export type ThreadAnchor = z.infer<typeof threadAnchorSchema>;

export const threadSubjectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('document'), id: zId, anchor: threadAnchorSchema }),
  z.object({ type: z.literal('proposal'), id: zId }),
  z.object({ type: z.literal('experiment'), id: zId }),
]);
export type ThreadSubject = z.infer<typeof threadSubjectSchema>;

/** The text of a comment: not blank, at most `LIMITS.commentTextMax`; `<@userId>` mentions. */
export const zCommentText = z
  .string()
  .max(LIMITS.commentTextMax)
  .refine((s) => s.trim().length > 0, { message: 'must not be empty', params: { rule: 'blank' } });

/** `POST …/threads`: the subject and the opening comment. */
export const createThreadSchema = z.object({ subject: threadSubjectSchema, text: zCommentText });
export type CreateThreadInput = z.input<typeof createThreadSchema>;
export type CreateThread = z.output<typeof createThreadSchema>;

/** `POST …/threads/:tid/comments` and `PATCH …/threads/:tid/comments/:cid`. */
export const commentBodySchema = z.object({ text: zCommentText });
export type CommentBody = z.infer<typeof commentBodySchema>;

/** `PATCH …/threads/:tid`: resolve or reopen. */
export const updateThreadSchema = z.object({ resolved: z.boolean() });
export type UpdateThread = z.infer<typeof updateThreadSchema>;

/** `GET …/threads?subjectType=&subjectId=&resolved=` (open threads first, then the newest). */
export const threadListQuerySchema = paginationQuerySchema
  .extend({
    subjectType: z.enum(THREAD_SUBJECT_TYPES).optional(),
    subjectId: zId.optional(),
    resolved: z
      .enum(['true', 'false'], 'must be true or false')
      .transform((v) => v === 'true')
      .optional(),
  })
  .superRefine((q, ctx) => {
    if (q.subjectId && !q.subjectType) {
      ctx.addIssue({
        code: 'custom',
        path: ['subjectType'],
        message: 'is required with subjectId',
        params: { rule: 'subject_type_required' },
      });
    }
  });
export type ThreadListQuery = z.output<typeof threadListQuerySchema>;

export interface ThreadCommentDto {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  editedAt?: string;
}

export interface ThreadDto {
  id: string;
  subject: ThreadSubject;
  resolved: boolean;
  resolvedBy?: string;
  resolvedAt?: string;
  createdBy: string;
  createdAt: string;
  /** Oldest first; the first is the opening comment (while it is not deleted). */
  comments: ThreadCommentDto[];
}

/** `<@userId>`: a mention of a member in a comment's text. */
export const MENTION_PATTERN =
  /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/gi;

/** The distinct user ids a text mentions (lower case, first-seen order). */
export function mentionedUserIds(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION_PATTERN)].map((m) => m[1]!.toLowerCase()))];
}

/** The users `after` mentions that `before` did not (who to notify of an edit). */
export const newlyMentioned = (before: string, after: string): string[] => {
  const had = new Set(mentionedUserIds(before));
  return mentionedUserIds(after).filter((id) => !had.has(id));
};

export type CommentPart = { text: string } | { mention: string };

/** The text split into plain runs and mentions, for rendering. */
export function splitMentions(text: string): CommentPart[] {
  const parts: CommentPart[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION_PATTERN)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ mention: m[1]!.toLowerCase() });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
