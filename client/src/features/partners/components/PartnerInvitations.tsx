import type { WorkspaceDto } from '@coalesce/shared';
import type { PartnerDto as Partner } from '@coalesce/shared';
import { ErrorNote } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useInvitations, useRevokeInvitation } from '../../invitations/api';
import { InvitationRow } from '../../invitations/components/InvitationRow';
import { pendingForPartner } from '../../invitations/pending';

/**
 * The pending invitations to represent this partner (coordinators only: the list is theirs), so
 * nobody is invited twice. Nothing while there are none.
 */
export function PartnerInvitations({ ws, partner }: { ws: WorkspaceDto; partner: Partner }) {
  const { t } = useI18n();
  const list = useInvitations(ws.id);
  const revoke = useRevokeInvitation(ws.id);
  const items = pendingForPartner(list.data?.items ?? [], partner.id);
  if (!items.length && !revoke.isError) return null;

  return (
    <div className="border-t border-slate-100 pt-3">
      <h3 className="mb-1 text-sm font-semibold text-slate-700">
        {t('coalition.reps.pendingTitle')}
      </h3>
      {revoke.isError && <ErrorNote>{revoke.error.message}</ErrorNote>}
      <ul className="divide-y divide-slate-100" data-testid="partner-pending-invitations">
        {items.map((inv) => (
          <InvitationRow
            key={inv.id}
            inv={inv}
            onRevoke={() => revoke.mutate(inv.id)}
            revoking={revoke.isPending}
          />
        ))}
      </ul>
    </div>
  );
}
