import {
  canViewAllParticipation,
  canViewBrokerFollowThrough,
  canViewPartnerParticipation,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useOutletContext, useSearchParams } from 'react-router';
import { Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { capacityOf } from '../../workspaces/capacity';
import { useAllParticipation, useBrokerFollowThrough, usePartnerParticipation } from '../api';
import { PartnerParticipation } from '../components/PartnerParticipation';
import { followThroughSentences } from '../sentences';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/**
 * Broker follow-through (coordinators and brokers) and participation per partner: every partner
 * for coordinators, alphabetically; a representative (or `?partner=` from a partner page) sees
 * one partner.
 */
export function ParticipationPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const [params] = useSearchParams();
  const me = capacityOf(ws);
  const seesBrokers = canViewBrokerFollowThrough(me);
  const seesAll = canViewAllParticipation(me);
  const onePid = params.get('partner') ?? (seesAll ? null : ws.myPartnerId);
  const seesOne = !!onePid && canViewPartnerParticipation(me, onePid);
  const brokers = useBrokerFollowThrough(ws.id, seesBrokers);
  const all = useAllParticipation(ws.id, seesAll && !params.get('partner'));
  const one = usePartnerParticipation(ws.id, onePid ?? '', seesOne);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t('participation.title')}</h1>
      {seesBrokers && (
        <section className="space-y-3" data-testid="broker-follow-through">
          <h2 className="text-lg font-semibold">{t('participation.brokersTitle')}</h2>
          <p className="max-w-prose text-sm text-slate-600">{t('participation.brokersIntro')}</p>
          {brokers.isPending && <Spinner label={t('app.loading')} />}
          {brokers.isError && <ErrorNote>{t('app.notFound')}</ErrorNote>}
          {brokers.data &&
            (brokers.data.overall.introductions === 0 ? (
              <p className="text-sm text-slate-500">{t('participation.brokersEmpty')}</p>
            ) : (
              <Card>
                <p className="text-sm text-slate-700">
                  {followThroughSentences(t, brokers.data.overall, brokers.data.windowDays).join(
                    ' · ',
                  )}
                </p>
                <table className="mt-3 w-full text-left text-sm">
                  <thead className="text-slate-500">
                    <tr>
                      <th className="py-1 font-medium">{t('participation.broker')}</th>
                      <th className="py-1 font-medium">{t('participation.introductions')}</th>
                      <th className="py-1 font-medium">
                        {t('participation.within', { days: brokers.data.windowDays })}
                      </th>
                      <th className="py-1 font-medium">{t('participation.ever')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {brokers.data.brokers.map((b) => (
                      <tr key={b.brokerId} className="border-t border-slate-100">
                        <td className="py-1">{b.brokerName ?? '—'}</td>
                        <td className="py-1">{b.introductions}</td>
                        <td className="py-1">
                          {b.within90Days} ({pct(b.shareWithin90Days)})
                        </td>
                        <td className="py-1">
                          {b.ever} ({pct(b.shareEver)})
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
            ))}
        </section>
      )}
      {seesAll && !params.get('partner') && (
        <section className="space-y-3" data-testid="participation-partners">
          <h2 className="text-lg font-semibold">{t('participation.partnersTitle')}</h2>
          <p className="max-w-prose text-sm text-slate-600">{t('participation.partnersIntro')}</p>
          {all.isPending && <Spinner label={t('app.loading')} />}
          {all.data?.length === 0 && (
            <p className="text-sm text-slate-500">{t('participation.nothingYet')}</p>
          )}
          <div className="grid gap-3 md:grid-cols-2">
            {all.data?.map((p) => (
              <PartnerParticipation key={p.partnerId} p={p} />
            ))}
          </div>
        </section>
      )}
      {seesOne && (
        <section className="space-y-3" data-testid="participation-partner">
          {one.isPending && <Spinner label={t('app.loading')} />}
          {one.isError && <ErrorNote>{t('app.notFound')}</ErrorNote>}
          {one.data && (
            <PartnerParticipation
              p={one.data}
              heading={t('participation.ownTitle', { name: one.data.name })}
            />
          )}
        </section>
      )}
    </div>
  );
}
