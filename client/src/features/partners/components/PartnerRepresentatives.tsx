import { canManageMembers, type WorkspaceDto } from '@coalesce/shared';
import type { PartnerDto as Partner } from '@coalesce/shared';
import { Button, ErrorNote } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useUpdateMember } from '../../members/api';
import { capacityOf } from '../../workspaces/capacity';
import { AddRepresentative } from './AddRepresentative';
import { PartnerInvitations } from './PartnerInvitations';

/** Who speaks for this partner; a coordinator adds (a member, or a new person) or removes one. */
export function PartnerRepresentatives({ ws, partner }: { ws: WorkspaceDto; partner: Partner }) {
  const { t } = useI18n();
  const update = useUpdateMember(ws.id);
  const reps = partner.representatives ?? [];
  const isCoordinator = canManageMembers(capacityOf(ws));
  const canHaveReps = partner.status === 'active' || partner.status === 'candidate';

  return (
    <div className="space-y-3" data-testid="representatives">
      <h2 className="font-semibold">{t('coalition.reps.title')}</h2>
      {reps.length ? (
        <ul className="divide-y divide-slate-100 text-sm">
          {reps.map((r) => (
            <li key={r.userId} className="flex items-center justify-between gap-2 py-1">
              <span>{r.displayName}</span>
              {isCoordinator && (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t('coalition.reps.remove', { name: r.displayName })}
                  disabled={update.isPending}
                  onClick={() =>
                    window.confirm(
                      t('coalition.reps.confirmRemove', {
                        name: r.displayName,
                        partner: partner.name,
                      }),
                    ) && update.mutate({ userId: r.userId, partnerId: null })
                  }
                >
                  {t('coalition.reps.removeShort')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-amber-800">{t('coalition.reps.none')}</p>
      )}
      {update.isError && <ErrorNote>{update.error.message}</ErrorNote>}
      {isCoordinator && canHaveReps && <AddRepresentative ws={ws} partner={partner} />}
      {isCoordinator && <PartnerInvitations ws={ws} partner={partner} />}
    </div>
  );
}
