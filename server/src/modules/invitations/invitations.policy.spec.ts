import {
  answerableById,
  canManageInvitations,
  invitationState,
  mayAccept,
} from './invitations.policy';

describe('invitations policy', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const base = { acceptedAt: null, revokedAt: null, expiresAt: new Date('2026-01-02T00:00:00Z') };
  it('only coordinators manage invitations', () => {
    for (const role of ['coordinator', 'member', 'observer'] as const) {
      expect(canManageInvitations({ role })).toBe(role === 'coordinator');
    }
  });
  it('derives the state: accepted, then revoked, then expired, else pending', () => {
    expect(invitationState(base, now)).toBe('pending');
    expect(invitationState({ ...base, expiresAt: now }, now)).toBe('expired');
    expect(invitationState({ ...base, revokedAt: now, expiresAt: now }, now)).toBe('revoked');
    expect(invitationState({ ...base, acceptedAt: now, revokedAt: now }, now)).toBe('accepted');
  });
  it('binds to an email case-insensitively', () => {
    expect(mayAccept(null, 'a@b.c')).toBe(true);
    expect(mayAccept('A@B.c', 'a@b.C')).toBe(true);
    expect(mayAccept('x@b.c', 'a@b.c')).toBe(false);
  });
  it('answers by id only email-bound invitations', () => {
    expect(answerableById('a@b.c')).toBe(true);
    expect(answerableById(null)).toBe(false);
    expect(answerableById('')).toBe(false);
  });
});
