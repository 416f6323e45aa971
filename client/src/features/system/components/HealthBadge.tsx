import { useI18n } from '../../../i18n/i18n';
import { useHealth } from '../api';

export function HealthBadge() {
  const { t } = useI18n();
  const health = useHealth();
  const state = health.isPending ? 'unknown' : health.data?.db === 'up' ? 'up' : 'down';
  const text =
    state === 'up' ? t('home.apiUp') : state === 'down' ? t('home.apiDown') : t('home.apiUnknown');
  const dot = state === 'up' ? 'bg-emerald-500' : state === 'down' ? 'bg-rose-500' : 'bg-slate-400';
  return (
    <p
      className="flex items-center gap-2 text-sm text-slate-600"
      data-testid="health"
      data-state={state}
    >
      <span className={`h-2.5 w-2.5 rounded-full ${dot}`} aria-hidden />
      {text}
    </p>
  );
}
