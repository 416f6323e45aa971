import type { ProposalDto as Proposal } from '@coalesce/shared';
import { Card } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';

/** Side column: how the candidate fits the principles, and every vote ever cast. */
export function ProposalAside({
  proposal: p,
  partnerNames,
  principleTitles,
}: {
  proposal: Proposal;
  partnerNames: Map<string, string>;
  principleTitles: Map<string, string>;
}) {
  const { t, tx } = useI18n();
  const fmt = useDateFormat();
  return (
    <aside className="space-y-5">
      {p.principleFit.length > 0 && (
        <Card>
          <h2 className="mb-2 font-semibold">{t('proposals.principleFit')}</h2>
          <ul className="space-y-2 text-sm">
            {p.principleFit.map((f) => (
              <li key={f.principleId}>
                <span className={f.fits ? 'text-emerald-700' : 'text-rose-700'}>
                  {f.fits ? '✓' : '✗'}
                </span>{' '}
                {principleTitles.get(f.principleId) ?? '…'}
                {f.note && <span className="block text-xs text-slate-500">{f.note}</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {p.voteHistory.length > 0 && (
        <Card>
          <h2 className="mb-2 font-semibold">{t('proposals.history')}</h2>
          <ol className="space-y-1 text-xs text-slate-600">
            {p.voteHistory.map((v, i) => (
              <li key={i}>
                {fmt.format(new Date(v.castAt))}: {partnerNames.get(v.partnerId) ?? '…'} —{' '}
                {tx(`proposals.choices.${v.choice}`)}
                {v.supersededAt && ` (${t('proposals.superseded')})`}
              </li>
            ))}
          </ol>
        </Card>
      )}
    </aside>
  );
}
