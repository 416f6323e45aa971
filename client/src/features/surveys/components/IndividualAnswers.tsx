import type { SurveyWaveDto } from '@coalesce/shared';
import { Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useSurveyResponses } from '../api';

const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1);

/** Coordinators only: what each partner answered, partner by partner. */
export function IndividualAnswers({ wave }: { wave: SurveyWaveDto }) {
  const { t } = useI18n();
  const list = useSurveyResponses(wave.workspaceId, wave.id, true);
  const names = new Map(wave.roster.map((r) => [r.partnerId, r.name]));
  const items = list.data?.items ?? [];
  return (
    <Card>
      <h2 className="font-semibold">{t('surveys.individual.heading')}</h2>
      <p className="text-sm text-slate-600">{t('surveys.individual.hint')}</p>
      {items.length === 0 && list.isSuccess && (
        <p className="mt-2 text-sm text-slate-500">{t('surveys.individual.none')}</p>
      )}
      <div className="mt-2 space-y-1" data-testid="individual-answers">
        {items.map((r) => (
          <details key={r.partnerId} className="text-sm">
            <summary className="cursor-pointer">{names.get(r.partnerId) ?? '…'}</summary>
            <ul className="mt-1 space-y-0.5 pl-4">
              {r.ties.map((tie) => (
                <li key={tie.partnerId}>
                  {names.get(tie.partnerId) ?? '…'}:{' '}
                  {tie.worksWith && tie.level && tie.trust && tie.value
                    ? t('surveys.individual.tie', {
                        level: t(`surveys.levelShort.${tie.level}`),
                        trust: mean(Object.values(tie.trust)),
                        value: mean(Object.values(tie.value)),
                      })
                    : t('surveys.individual.noTie')}
                </li>
              ))}
            </ul>
          </details>
        ))}
      </div>
    </Card>
  );
}
