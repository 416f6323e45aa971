import type { WorkspaceDto } from '@coalesce/shared';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { useInvitations, useRevokeInvitation } from '../api';
import { InvitationRow } from './InvitationRow';

/** The coordinator's pending invitations: who, as what, for which partner, and the link. */
export function InvitationList({ ws }: { ws: WorkspaceDto }) {
  const { t } = useI18n();
  const list = useInvitations(ws.id);
  const revoke = useRevokeInvitation(ws.id);
  const partners = usePartners(ws.id);
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const items = list.data?.items ?? [];

  return (
    <>
      <h3 className="mt-5 mb-2 text-sm font-semibold text-slate-700">{t('invitations.pending')}</h3>
      {list.data && items.length === 0 && (
        <p className="text-sm text-slate-500">{t('invitations.none')}</p>
      )}
      <ul className="divide-y divide-slate-100" data-testid="pending-invitations">
        {items.map((inv) => (
          <InvitationRow
            key={inv.id}
            inv={inv}
            partnerName={inv.partnerId ? (names.get(inv.partnerId) ?? '…') : undefined}
            onRevoke={() => revoke.mutate(inv.id)}
            revoking={revoke.isPending}
          />
        ))}
      </ul>
    </>
  );
}
