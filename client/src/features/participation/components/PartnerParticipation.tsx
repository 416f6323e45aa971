import type { PartnerParticipationDto } from '@coalesce/shared';
import { Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { participationSentences, quarterLabel } from '../sentences';

/** One partner's participation: plain sentences for the totals, then quarter by quarter. */
export function PartnerParticipation({
  p,
  heading,
}: {
  p: PartnerParticipationDto;
  heading?: string;
}) {
  const { t, locale } = useI18n();
  return (
    <Card>
      <h3 className="font-medium">{heading ?? p.name}</h3>
      <ul
        className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700"
        data-testid="participation-totals"
      >
        {participationSentences(t, p.totals).map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      {p.quarters.length > 0 && (
        <div className="mt-3 space-y-2">
          {p.quarters.map((q) => (
            <details key={q.quarter} className="text-sm">
              <summary className="cursor-pointer text-slate-600">
                {t('participation.quarter')}: {quarterLabel(q.quarter, locale)}
              </summary>
              <ul className="mt-1 list-disc pl-5 text-slate-700">
                {participationSentences(t, q).map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      )}
    </Card>
  );
}
