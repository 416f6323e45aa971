import type { Proposal } from '../../../api/contract';
import { useI18n } from '../../../i18n/i18n';

/** Why the reader cannot vote here, in plain words ("Core partners decide on broad admissions…"). */
export function ViewerNote({
  proposal: p,
  partnerNames,
}: {
  proposal: Proposal;
  partnerNames: Map<string, string>;
}) {
  const { t, tx } = useI18n();
  const v = p.viewer;
  if (!v || v.canVote || v.reason === 'ok' || v.reason === 'closed' || p.status !== 'open')
    return null;
  const partner = (v.partnerId && partnerNames.get(v.partnerId)) || '…';
  const tier = tx(`coalition.viewer.tiers.${p.tier}`);
  const deciders = p.policy.deciders.map((d) => partnerNames.get(d) ?? '…');
  const text = (() => {
    switch (v.reason) {
      case 'no_partner':
        return t('coalition.viewer.no_partner');
      case 'observer':
        return t('coalition.viewer.observer');
      case 'is_candidate':
        return t('coalition.viewer.is_candidate', { partner });
      case 'not_in_electorate':
        return p.policy.electorate === 'core'
          ? t('coalition.viewer.notInCore', { tier })
          : t('coalition.viewer.notInAll', { partner });
      case 'autonomous_not_decider':
        return deciders.length
          ? t('coalition.viewer.decidersDecide', { deciders: deciders.join(', '), tier })
          : t('coalition.viewer.coordinatorsDecide', { tier });
    }
  })();
  return (
    <p
      className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200"
      data-testid="viewer-note"
    >
      {text}
    </p>
  );
}
