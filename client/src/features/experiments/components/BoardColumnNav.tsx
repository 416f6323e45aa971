import { EXPERIMENT_STATUSES, type ExperimentStatus } from '@coalesce/shared';
import { useI18n } from '../../../i18n/i18n';

/** Six columns never fit a phone (nor most laptops): the column names jump to a column. */
export function BoardColumnNav({
  counts,
  onJump,
}: {
  counts: Record<ExperimentStatus, number>;
  onJump(status: ExperimentStatus): void;
}) {
  const { t, tx } = useI18n();
  return (
    <nav aria-label={t('layout.boardColumns')} className="space-y-1">
      <p className="text-sm text-slate-600">{t('layout.boardHint')}</p>
      <ul className="flex flex-wrap gap-1">
        {EXPERIMENT_STATUSES.map((status) => (
          <li key={status}>
            <button
              type="button"
              className="min-h-8 rounded-full bg-white px-3 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
              onClick={() => onJump(status)}
            >
              {tx(`experiments.statuses.${status}`)} ({counts[status]})
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
