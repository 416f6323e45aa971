import { useI18n } from '../../../i18n/i18n';
import { HealthBadge } from '../../system/components/HealthBadge';
import { StageList } from '../components/StageList';

export function HomePage() {
  const { t } = useI18n();
  return (
    <div className="space-y-10">
      <section className="space-y-3 pt-6">
        <h1 className="text-3xl font-semibold tracking-tight">{t('home.title')}</h1>
        <p className="max-w-2xl text-lg text-slate-600">{t('home.intro')}</p>
        <HealthBadge />
      </section>
      <section aria-labelledby="stages-title" className="space-y-3">
        <h2 id="stages-title" className="text-lg font-semibold">
          {t('home.stagesTitle')}
        </h2>
        <StageList />
      </section>
    </div>
  );
}
