import type { Capacity } from './capacity.js';

/*
 * Discussions: everyone in the workspace reads them; members and coordinators open threads,
 * comment, resolve and reopen; observers only read. A comment is edited by its author only and
 * deleted by its author or a coordinator.
 */
type WithRole = Pick<Capacity, 'role'>;
type Who = Pick<Capacity, 'role' | 'userId'>;

export const canReadThreads = (_m: WithRole): boolean => true;
export const canWriteThreads = (m: WithRole): boolean => m.role !== 'observer';
export const canResolveThreads = canWriteThreads;
export const canEditComment = (m: Who, c: { authorId: string }): boolean =>
  canWriteThreads(m) && m.userId === c.authorId;
export const canDeleteComment = (m: Who, c: { authorId: string }): boolean =>
  m.role === 'coordinator' || canEditComment(m, c);

export const THREADS_WRITE_DENIED = 'Observers read discussions; they cannot write in them';
export const COMMENT_EDIT_DENIED = 'Only its author can edit a comment';
export const COMMENT_DELETE_DENIED = 'Only its author or a coordinator can delete a comment';
