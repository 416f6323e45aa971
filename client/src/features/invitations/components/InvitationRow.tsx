import type { InvitationDto } from '@coalesce/shared';
import { Badge, Button } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { CopyLink, invitationLink } from './CopyLink';

/**
 * One pending invitation as a coordinator sees it: who, as what, until when, its link and
 * Revoke. `partnerName` is left out where the partner is obvious (on its own page).
 */
export function InvitationRow({
  inv,
  partnerName,
  onRevoke,
  revoking,
}: {
  inv: InvitationDto;
  partnerName?: string;
  onRevoke(): void;
  revoking: boolean;
}) {
  const { t, tx } = useI18n();
  const fmt = useDateFormat();
  const who = inv.email ?? t('invitations.anyone');
  return (
    <li aria-label={who} className="flex flex-col gap-1 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="min-w-0 truncate font-medium">{who}</span>
        <Badge tone={inv.role === 'coordinator' ? 'brand' : 'slate'}>
          {tx(`roles.${inv.role}`)}
        </Badge>
        {inv.broker && <Badge tone="indigo">{t('coalition.invite.broker')}</Badge>}
        {partnerName !== undefined && (
          <span className="text-slate-600">
            {t('coalition.invite.represents', { partner: partnerName })}
          </span>
        )}
        <span className="text-xs text-slate-500">
          {t('invitations.expires', { date: fmt.format(new Date(inv.expiresAt)) })}
        </span>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2">
        {/* Null for invitations made before links were recoverable. */}
        {inv.token ? (
          <CopyLink
            link={invitationLink(inv.token)}
            label={t('coalition.invite.linkFor', { who })}
            testId="pending-invitation-link"
          />
        ) : (
          <span className="text-xs text-slate-400">{t('coalition.invite.legacy')}</span>
        )}
        <Button variant="ghost" size="sm" disabled={revoking} onClick={onRevoke}>
          {t('invitations.revoke')}
        </Button>
      </div>
    </li>
  );
}
