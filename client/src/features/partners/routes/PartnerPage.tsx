import {
  canEditPartner,
  canSetDelegation,
  PARTNER_PROFILE_FIELDS,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useOutletContext, useParams } from 'react-router';
import { Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { ActivityFeed } from '../../activity/components/ActivityFeed';
import { capacityOf } from '../../workspaces/capacity';
import { usePartner } from '../api';
import { DelegationCard } from '../components/DelegationCard';
import { LeavePartnerCard } from '../components/LeavePartnerCard';
import { PartnerHeader } from '../components/PartnerHeader';
import { PartnerProfileCard } from '../components/PartnerProfileCard';
import { PartnerRepresentatives } from '../components/PartnerRepresentatives';

/** One partner: its profile, who speaks for it, its delegation, leaving, and its history. */
export function PartnerPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { pid = '' } = useParams();
  const { t } = useI18n();
  const partner = usePartner(ws.id, pid);

  if (partner.isPending) return <Spinner label={t('app.loading')} />;
  if (partner.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  const p = partner.data;
  const me = capacityOf(ws);
  const canEdit = canEditPartner(me, p.id, PARTNER_PROFILE_FIELDS);

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-5">
        <PartnerHeader ws={ws} partner={p} />
        <PartnerProfileCard key={p.id} wid={ws.id} partner={p} canEdit={canEdit} />
        <Card>
          <PartnerRepresentatives ws={ws} partner={p} />
        </Card>
        {(p.status === 'active' || p.delegation) && (
          <DelegationCard wid={ws.id} partner={p} canEdit={canSetDelegation(me, p.id)} />
        )}
        {canEdit && p.status === 'active' && <LeavePartnerCard wid={ws.id} partner={p} />}
      </div>
      <ActivityFeed workspaceId={ws.id} partnerId={p.id} title={t('partners.history')} />
    </div>
  );
}
