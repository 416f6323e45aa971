import { describe, expect, it } from 'vitest';
import {
  canDeleteComment,
  canEditComment,
  canResolveThreads,
  canWriteThreads,
} from './threads.policy.js';

const who = (role: 'coordinator' | 'member' | 'observer', userId = 'me') => ({ role, userId });
const mine = { authorId: 'me' };
const theirs = { authorId: 'someone else' };

describe('threads policy', () => {
  it.each([
    ['coordinator', true],
    ['member', true],
    ['observer', false],
  ] as const)('%s writes and resolves: %s', (role, allowed) => {
    expect(canWriteThreads(who(role))).toBe(allowed);
    expect(canResolveThreads(who(role))).toBe(allowed);
  });
  it('only the author edits (not an author who became an observer)', () => {
    expect(canEditComment(who('member'), mine)).toBe(true);
    expect(canEditComment(who('coordinator'), theirs)).toBe(false);
    expect(canEditComment(who('observer'), mine)).toBe(false);
  });
  it('the author or a coordinator deletes', () => {
    expect(canDeleteComment(who('member'), mine)).toBe(true);
    expect(canDeleteComment(who('member'), theirs)).toBe(false);
    expect(canDeleteComment(who('coordinator'), theirs)).toBe(true);
    expect(canDeleteComment(who('observer'), mine)).toBe(false);
  });
});
