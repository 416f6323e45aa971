import type { InvitationDto } from '@coalesce/shared';

/** The pending invitations that would make someone this partner's representative. */
export const pendingForPartner = (items: readonly InvitationDto[], partnerId: string) =>
  items.filter((i) => i.partnerId === partnerId);
