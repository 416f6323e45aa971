import { STAGES, type Stage } from '@coalesce/shared';
import { clsx } from 'clsx';
import { useI18n } from '../../../i18n/i18n';

/** The four stages of Hannon et al. (2019), the current one highlighted. */
export function StageList({ current }: { current?: Stage }) {
  const { tx } = useI18n();
  return (
    <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {STAGES.map((s, i) => (
        <li
          key={s}
          aria-current={s === current ? 'step' : undefined}
          className={clsx(
            'rounded-lg p-4 ring-1',
            s === current ? 'bg-brand-50 ring-brand-500' : 'bg-white ring-slate-200',
          )}
        >
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{i + 1}</p>
          <p className="font-medium">{tx(`stages.${s}.name`)}</p>
          <p className="mt-1 text-sm text-slate-600">{tx(`stages.${s}.description`)}</p>
        </li>
      ))}
    </ol>
  );
}
