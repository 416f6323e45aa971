import { z } from 'zod';
import type { Role } from './domain.js';
import { LIMITS } from './limits.js';
import { zId } from './schemas.js';
import { zEmail } from './auth.js';
import { zRole } from './workspaces.js';

export const updateMemberSchema = z.object({
  role: zRole.optional(),
  broker: z.boolean().optional(),
  /** The partner this member represents; null unlinks. */
  partnerId: zId.nullable().optional(),
});
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

export interface MemberDto {
  workspaceId: string;
  userId: string;
  displayName: string;
  /** Only coordinators see members' emails (the research export hides them too). */
  email?: string;
  role: Role;
  broker: boolean;
  partnerId: string | null;
  joinedAt: string;
}

/** Observers only read: they cannot be brokers (400 naming `broker`). */
export const createInvitationSchema = z
  .object({
    /** When set, only the user with this email may accept. */
    email: zEmail.optional(),
    role: zRole,
    broker: z.boolean().default(false),
    partnerId: zId.nullable().optional(),
    /** Fractions allowed; default one week. */
    expiresInHours: z
      .number()
      .positive()
      .max(LIMITS.invitationMaxHours)
      .default(LIMITS.invitationDefaultHours),
  })
  .refine((v) => !(v.role === 'observer' && v.broker), {
    path: ['broker'],
    message: 'an observer cannot be a broker',
  });
export type CreateInvitationInput = z.input<typeof createInvitationSchema>;

export interface InvitationDto {
  id: string;
  workspaceId: string;
  email: string | null;
  role: Role;
  broker: boolean;
  partnerId: string | null;
  expiresAt: string;
  createdAt: string;
  createdBy: string | null;
  /**
   * The link token, so a coordinator can copy the link of any pending invitation. Derived from
   * the invitation id with the server secret; null for invitations made before tokens were
   * recoverable (only their hash is kept).
   */
  token: string | null;
}

/** The create answer always carries the token. */
export interface CreatedInvitationDto extends InvitationDto {
  token: string;
}

/** What the accept page shows before accepting. */
export interface InvitationPreviewDto {
  workspaceId: string;
  workspaceName: string;
  role: Role;
  broker: boolean;
  email: string | null;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
}

/**
 * `GET /api/me/invitations`: a pending email-bound invitation for the signed-in user's email, to
 * a workspace they are not a member of yet. It is accepted or declined by id
 * (`POST /api/me/invitations/:id/accept|decline`): the account's email is the proof, no token.
 */
export interface MyInvitationDto {
  id: string;
  workspaceId: string;
  workspaceName: string;
  role: Role;
  broker: boolean;
  expiresAt: string;
  createdAt: string;
  /** The coordinator who invited (null when unknown). */
  invitedByName: string | null;
}

export interface MyInvitationsDto {
  items: MyInvitationDto[];
}
