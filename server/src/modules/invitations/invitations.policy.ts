/** Pure rules about invitations. Who manages them lives in @coalesce/shared (the client asks too). */
export { canManageInvitations } from '@coalesce/shared';

export type InvitationState = 'pending' | 'accepted' | 'expired' | 'revoked';

export function invitationState(
  i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationState {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  if (i.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

/** An email-bound invitation may only be accepted by that email (case-insensitively). */
export const mayAccept = (invitationEmail: string | null, userEmail: string): boolean =>
  !invitationEmail || invitationEmail.trim().toLowerCase() === userEmail.trim().toLowerCase();

/**
 * Only an email-bound invitation can be answered in the app, by id: the account's email proves
 * who it is for. An open invitation belongs to whoever holds its link (the token), so by id it
 * is treated as unknown.
 */
export const answerableById = (invitationEmail: string | null): boolean => !!invitationEmail;
