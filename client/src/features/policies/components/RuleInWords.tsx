import { useI18n } from '../../../i18n/i18n';
import { ruleSentences } from '../sentence';

/** The rule as it is being edited, read back as sentences. */
export function RuleInWords({
  policy,
  deciderNames,
}: {
  policy: Parameters<typeof ruleSentences>[0];
  deciderNames: string[];
}) {
  const { t, tx } = useI18n();
  return (
    <div className="rounded-md bg-slate-50 p-3 text-sm sm:col-span-2" data-testid="rule-in-words">
      <p className="font-medium text-slate-700">{t('coalition.policy.readBack')}</p>
      {ruleSentences(policy, deciderNames, tx).map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  );
}
