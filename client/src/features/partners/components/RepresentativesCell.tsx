import type { PartnerDto as Partner } from '@coalesce/shared';
import { Badge } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

/** Names of a partner's representatives, or a warning badge when nobody speaks for it. */
export function RepresentativesCell({ partner }: { partner: Partner }) {
  const { t } = useI18n();
  // Older servers send no list: say nothing rather than a false "no representative".
  if (!partner.representatives) return null;
  if (partner.status !== 'active' && partner.status !== 'candidate') return null;
  if (partner.representatives.length === 0)
    return <Badge tone="amber">{t('coalition.reps.noRep')}</Badge>;
  return (
    <span className="text-slate-700">
      {partner.representatives.map((r) => r.displayName).join(', ')}
    </span>
  );
}
