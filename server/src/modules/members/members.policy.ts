import type { Role } from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';

type WithRole = Pick<Membership, 'role'>;

/** Pure rules about members; the guard and the service both call them. */
export const canViewMembers = (_m: WithRole): boolean => true;
export const canManageMembers = (m: WithRole): boolean => m.role === 'coordinator';
export const canRemoveMember = (actor: Pick<Membership, 'role' | 'userId'>, userId: string) =>
  canManageMembers(actor) || actor.userId === userId;

/** Would setting `userId`'s role to `newRole` (null = removing them) leave no coordinator? */
export function leavesNoCoordinator(
  members: readonly { userId: string; role: Role }[],
  userId: string,
  newRole: Role | null,
): boolean {
  const target = members.find((m) => m.userId === userId);
  if (!target || target.role !== 'coordinator' || newRole === 'coordinator') return false;
  return !members.some((m) => m.userId !== userId && m.role === 'coordinator');
}
