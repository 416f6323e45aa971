import {
  canSetResearchConsent,
  type ResearchConsentDto,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useState } from 'react';
import { Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useResearchConsents, useSetResearchConsent } from '../api';

/** Each partner's choice to be named in research exports; its own representatives change it. */
export function ResearchConsents({ ws }: { ws: WorkspaceDto }) {
  const { t } = useI18n();
  const consents = useResearchConsents(ws.id);
  const set = useSetResearchConsent(ws.id);
  const [choosing, setChoosing] = useState<Record<string, boolean>>({});
  const mayChange = (c: ResearchConsentDto) =>
    canSetResearchConsent({ role: ws.myRole, partnerId: ws.myPartnerId }, c.partnerId);
  return (
    <Card>
      <h2 className="text-lg font-semibold">{t('research.consents.title')}</h2>
      <p className="mt-1 text-sm text-slate-600">{t('research.consents.intro')}</p>
      {consents.isPending && <Spinner label={t('app.loading')} />}
      {consents.isError && <ErrorNote>{consents.error.message}</ErrorNote>}
      {set.isError && <ErrorNote>{set.error.message}</ErrorNote>}
      {consents.data && (
        <ul className="mt-3 divide-y divide-slate-100">
          {consents.data.map((c) => (
            <li key={c.partnerId} className="flex items-center justify-between gap-3 py-2 text-sm">
              <span>
                {c.partnerName}{' '}
                <span className="text-slate-500">
                  (
                  {t(
                    c.kind === 'individual'
                      ? 'research.kind.individual'
                      : 'research.kind.organisation',
                  )}
                  {c.explicit ? '' : `, ${t('research.consents.default')}`})
                </span>
              </span>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  aria-label={t('research.consents.mayBeNamedFor', { partner: c.partnerName })}
                  // The choice shows at once (in this render); the server's answer replaces it.
                  checked={choosing[c.partnerId] ?? c.mayBeNamed}
                  disabled={!mayChange(c) || set.isPending}
                  onChange={(e) => {
                    const mayBeNamed = e.target.checked;
                    setChoosing((m) => ({ ...m, [c.partnerId]: mayBeNamed }));
                    set.mutate(
                      { partnerId: c.partnerId, mayBeNamed },
                      {
                        onSettled: () => setChoosing(({ [c.partnerId]: _done, ...rest }) => rest),
                      },
                    );
                  }}
                />
                {t('research.consents.mayBeNamed')}
              </label>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
