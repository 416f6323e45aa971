import type { WorkspaceDto } from '@coalesce/shared';
import { Badge, Button } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { useInvitations, useRevokeInvitation } from '../api';
import { CopyLink, invitationLink } from './CopyLink';

/** The coordinator's pending invitations: who, as what, for which partner, and the link. */
export function InvitationList({ ws }: { ws: WorkspaceDto }) {
  const { t, tx } = useI18n();
  const list = useInvitations(ws.id);
  const revoke = useRevokeInvitation(ws.id);
  const partners = usePartners(ws.id);
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const fmt = useDateFormat();
  const items = list.data?.items ?? [];

  return (
    <>
      <h3 className="mt-5 mb-2 text-sm font-semibold text-slate-700">{t('invitations.pending')}</h3>
      {list.data && items.length === 0 && (
        <p className="text-sm text-slate-500">{t('invitations.none')}</p>
      )}
      <ul className="divide-y divide-slate-100" data-testid="pending-invitations">
        {items.map((inv) => {
          const who = inv.email ?? t('invitations.anyone');
          return (
            <li key={inv.id} aria-label={who} className="flex flex-col gap-1 py-2 text-sm">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="min-w-0 truncate font-medium">{who}</span>
                <Badge tone={inv.role === 'coordinator' ? 'brand' : 'slate'}>
                  {tx(`roles.${inv.role}`)}
                </Badge>
                {inv.broker && <Badge tone="indigo">{t('coalition.invite.broker')}</Badge>}
                {inv.partnerId && (
                  <span className="text-slate-600">
                    {t('coalition.invite.represents', {
                      partner: names.get(inv.partnerId) ?? '…',
                    })}
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
                <Button variant="ghost" size="sm" onClick={() => revoke.mutate(inv.id)}>
                  {t('invitations.revoke')}
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
