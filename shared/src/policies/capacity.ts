import type { Role } from '../domain.js';

/**
 * A person's standing in one workspace, all that the permission rules look at. The server
 * builds it from the membership row (`Membership`); the client from the workspace it was sent
 * (`myRole`, `myBroker`, `myPartnerId`) and the signed-in user.
 */
export interface Capacity {
  userId: string;
  role: Role;
  /** May propose connections between partners. */
  broker: boolean;
  /** The partner this person represents, if any. */
  partnerId: string | null;
}
