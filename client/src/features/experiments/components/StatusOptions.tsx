import { EXPERIMENT_STATUSES } from '@coalesce/shared';
import { useI18n } from '../../../i18n/i18n';

/** The `<option>`s of a status picker, in board order. */
export function StatusOptions() {
  const { tx } = useI18n();
  return (
    <>
      {EXPERIMENT_STATUSES.map((s) => (
        <option key={s} value={s}>
          {tx(`experiments.statuses.${s}`)}
        </option>
      ))}
    </>
  );
}
