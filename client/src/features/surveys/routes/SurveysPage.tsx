import { canManageSurveys, type WorkspaceDto } from '@coalesce/shared';
import { Link, useOutletContext } from 'react-router';
import { Badge, Spinner } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useSurveys } from '../api';
import { CreateWaveForm } from '../components/CreateWaveForm';

export const STATUS_TONE = { scheduled: 'amber', open: 'brand', closed: 'slate' } as const;

/** The survey waves, newest first; coordinators open new ones beside the list. */
export function SurveysPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const day = useDateFormat('date');
  const list = useSurveys(ws.id);
  const waves = list.data?.items ?? [];
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{t('surveys.title')}</h1>
        <p className="max-w-prose text-sm text-slate-600">{t('surveys.intro')}</p>
        {list.isPending && <Spinner label={t('app.loading')} />}
        {list.isSuccess && waves.length === 0 && (
          <p className="text-sm text-slate-500">{t('surveys.empty')}</p>
        )}
        <ul className="space-y-2" data-testid="survey-waves">
          {waves.map((w) => (
            <li key={w.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <div className="flex flex-wrap items-center gap-2">
                <Link to={w.id} className="font-medium text-brand-700 hover:underline">
                  {w.title}
                </Link>
                <Badge tone={STATUS_TONE[w.status]}>{t(`surveys.statuses.${w.status}`)}</Badge>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {t('surveys.period', { from: day.format(w.opensAt), to: day.format(w.closesAt) })}
                {w.status !== 'scheduled' &&
                  ` · ${t('surveys.answered', { n: w.responseCount, total: w.roster.length })}`}
              </p>
            </li>
          ))}
        </ul>
      </div>
      {canManageSurveys({ role: ws.myRole }) && (
        <div>
          <CreateWaveForm wid={ws.id} />
        </div>
      )}
    </div>
  );
}
