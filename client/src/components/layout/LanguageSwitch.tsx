import { LOCALES, type Locale } from '@coalesce/shared';
import { useId } from 'react';
import { useMe, useUpdateMe } from '../../features/auth/api';
import { useI18n } from '../../i18n/i18n';

const names: Record<Locale, string> = { nl: 'Nederlands', en: 'English' };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  const me = useMe();
  const updateMe = useUpdateMe();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="sr-only">
        {t('app.language')}
      </label>
      <select
        id={id}
        data-testid="language-switch"
        value={locale}
        onChange={(e) => {
          const l = e.target.value as Locale;
          setLocale(l);
          // Remember it on the account too, so emails and other devices follow.
          if (me.data && me.data.locale !== l) updateMe.mutate({ locale: l });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {names[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
