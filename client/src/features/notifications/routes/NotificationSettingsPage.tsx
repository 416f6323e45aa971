import { NOTIFICATION_KINDS, type NotificationPreferences } from '@coalesce/shared';
import { useState } from 'react';
import { Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePreferences, useSavePreferences } from '../api';

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const { t, tx } = useI18n();
  const save = useSavePreferences();
  const [prefs, setPrefs] = useState(initial);
  const toggle = (channel: 'inApp' | 'email', kind: (typeof NOTIFICATION_KINDS)[number]) =>
    setPrefs((p) => ({ ...p, [channel]: { ...p[channel], [kind]: !p[channel][kind] } }));
  return (
    <Card>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="text-xs uppercase text-slate-500">
            <th className="py-2" />
            <th className="py-2 text-center">{t('notifications.inApp')}</th>
            <th className="py-2 text-center">{t('notifications.email')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {NOTIFICATION_KINDS.map((k) => (
            <tr key={k}>
              <th scope="row" className="py-2 font-normal">
                {tx(`notifications.kinds.${k}`)}
              </th>
              {(['inApp', 'email'] as const).map((c) => (
                <td key={c} className="py-2 text-center">
                  <input
                    type="checkbox"
                    aria-label={`${tx(`notifications.kinds.${k}`)} — ${t(`notifications.${c}`)}`}
                    checked={prefs[c][k]}
                    onChange={() => toggle(c, k)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-4 flex items-center gap-3">
        <Button onClick={() => save.mutate(prefs)} disabled={save.isPending}>
          {t('workspaces.save')}
        </Button>
        {save.isSuccess && (
          <span role="status" className="text-sm text-emerald-700">
            {t('notifications.saved')}
          </span>
        )}
        {save.isError && <ErrorNote>{save.error.message}</ErrorNote>}
      </div>
    </Card>
  );
}

export function NotificationSettingsPage() {
  const { t } = useI18n();
  const prefs = usePreferences();
  return (
    <div className="max-w-2xl space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">{t('notifications.settings')}</h1>
        <p className="text-slate-600">{t('notifications.settingsIntro')}</p>
      </header>
      {prefs.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : prefs.isError ? (
        <ErrorNote>{prefs.error.message}</ErrorNote>
      ) : (
        <PreferencesForm initial={prefs.data} />
      )}
    </div>
  );
}
