import { ErrorCode } from '@coalesce/shared';
import { ApiError } from '../../api/client';
import type { MessageKey } from '../../i18n/i18n';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Why accepting or declining an invitation failed, in the reader's language. */
export function explainInvitationError(err: unknown, t: T): string {
  if (!(err instanceof ApiError)) return t('errors.generic');
  if (err.code === 'NETWORK') return t('errors.network');
  if (err.code === ErrorCode.EXPIRED) return t('invitations.expired');
  if (err.code === ErrorCode.INVITATION_USED) return t('invitations.used');
  if (err.code === ErrorCode.ALREADY_MEMBER) return t('invitations.alreadyMember');
  if (err.status === 403) return t('invitations.wrongUser');
  if (err.status === 404) return t('invitations.notFound');
  return err.message;
}
