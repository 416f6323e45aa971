import type { PartnerDto as Partner } from '@coalesce/shared';
import { useI18n } from '../../../i18n/i18n';

/** Deciders of the autonomous rule as a list of checkboxes (no Ctrl-click multi-select). */
export function DecidersField({
  partners,
  value,
  onChange,
  error,
}: {
  partners: Partner[];
  value: string[];
  onChange(ids: string[]): void;
  error?: string;
}) {
  const { t } = useI18n();
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...value, id] : value.filter((x) => x !== id));
  return (
    <fieldset className="sm:col-span-2">
      <legend className="text-sm font-medium text-slate-700">
        {t('coalition.policy.deciders')}
      </legend>
      {partners.length === 0 ? (
        <p className="text-sm text-slate-500">{t('coalition.policy.noPartners')}</p>
      ) : (
        <ul className="mt-1 grid gap-1 sm:grid-cols-2">
          {partners.map((p) => (
            <li key={p.id}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={value.includes(p.id)}
                  onChange={(e) => toggle(p.id, e.target.checked)}
                />
                {p.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      {value.length === 0 && (
        <p className="mt-1 text-sm text-slate-600">{t('coalition.policy.decidersNone')}</p>
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
