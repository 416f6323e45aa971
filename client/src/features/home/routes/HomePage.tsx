import { FileText, Network, Users, FlaskConical, type LucideIcon } from 'lucide-react';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { StageList } from '../components/StageList';

const features: { key: string; icon: LucideIcon }[] = [
  { key: 'vision', icon: FileText },
  { key: 'decide', icon: Users },
  { key: 'experiments', icon: FlaskConical },
  { key: 'network', icon: Network },
];

const primary =
  'inline-flex min-h-10 items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800';
const secondary =
  'inline-flex min-h-10 items-center rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-800 ring-1 ring-brand-600 hover:bg-brand-50';

/** What Coalesce is, for someone who has never seen it, and the way in. */
export function HomePage() {
  const { t, tx } = useI18n();
  const me = useMe();
  const actions = me.data ? (
    <Link to="/w" className={primary}>
      {t('landing.toNetworks')}
    </Link>
  ) : (
    <>
      <Link to="/register" className={primary}>
        {t('nav.register')}
      </Link>
      <Link to="/login" className={secondary}>
        {t('nav.signIn')}
      </Link>
    </>
  );
  return (
    <div className="space-y-10 sm:space-y-12">
      <section className="space-y-4 pt-2 sm:pt-6">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('home.title')}</h1>
        <p className="max-w-3xl text-lg text-slate-700">{t('landing.lead')}</p>
        <div className="flex flex-wrap gap-3">{actions}</div>
      </section>
      <section aria-labelledby="what-title" className="space-y-4">
        <h2 id="what-title" className="text-lg font-semibold">
          {t('landing.whatTitle')}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {features.map(({ key, icon: Icon }) => (
            <li key={key} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
              <Icon className="mb-2 h-6 w-6 text-brand-700" aria-hidden />
              <h3 className="font-medium">{tx(`landing.features.${key}.title`)}</h3>
              <p className="mt-1 text-sm text-slate-600">{tx(`landing.features.${key}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="stages-title" className="space-y-3">
        <h2 id="stages-title" className="text-lg font-semibold">
          {t('home.stagesTitle')}
        </h2>
        <p className="max-w-3xl text-slate-600">{t('landing.stagesIntro')}</p>
        <StageList />
      </section>
      {!me.data && (
        <section
          aria-labelledby="start-title"
          className="space-y-3 rounded-lg bg-brand-50 p-5 ring-1 ring-brand-100"
        >
          <h2 id="start-title" className="text-lg font-semibold">
            {t('landing.startTitle')}
          </h2>
          <p className="text-slate-700">{t('landing.startText')}</p>
          <div className="flex flex-wrap gap-3">{actions}</div>
        </section>
      )}
    </div>
  );
}
