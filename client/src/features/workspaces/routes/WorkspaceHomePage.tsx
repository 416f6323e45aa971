import { canExport, canManageInvitations, type WorkspaceDto } from '@coalesce/shared';
import { lazy, Suspense } from 'react';
import { Link, useOutletContext } from 'react-router';
import { Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { ActivityFeed } from '../../activity/components/ActivityFeed';
import { MembersList } from '../../members/components/MembersList';
import { StageCard } from '../components/StageCard';
import { capacityOf } from '../capacity';

// Coordinators only, and its form brings the shared schemas (zod): not in the overview's chunk.
const InvitationsPanel = lazy(() =>
  import('../../invitations/components/InvitationsPanel').then((m) => ({
    default: m.InvitationsPanel,
  })),
);

export function WorkspaceHomePage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{ws.name}</h1>
        {ws.description && (
          <p className="mt-1 max-w-3xl whitespace-pre-line text-slate-600">{ws.description}</p>
        )}
      </header>
      <StageCard ws={ws} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {/* What happened lately comes first on a phone (one column), beside the rest on a wide screen. */}
        <div className="lg:order-last">
          <ActivityFeed workspaceId={ws.id} compact />
        </div>
        <div className="space-y-6">
          {ws.visionDocumentId && (
            <Card>
              <h2 className="text-lg font-semibold">{t('workspaces.vision')}</h2>
              <Link className="mt-2 inline-block font-medium text-brand-700 underline" to="vision">
                {t('workspaces.openVision')}
              </Link>
            </Card>
          )}
          <MembersList ws={ws} />
          {canManageInvitations(capacityOf(ws)) && (
            <Suspense fallback={null}>
              <InvitationsPanel ws={ws} />
            </Suspense>
          )}
          {canExport(capacityOf(ws)) && (
            <Card>
              <h2 className="text-lg font-semibold">{t('exporting.title')}</h2>
              <div className="mt-2 flex flex-wrap gap-3 text-sm">
                <a
                  className="font-medium text-brand-700 underline"
                  href={`/api/workspaces/${ws.id}/export`}
                  download
                >
                  {t('exporting.json')}
                </a>
                <a
                  className="font-medium text-brand-700 underline"
                  href={`/api/workspaces/${ws.id}/export?format=csv`}
                  download
                >
                  {t('exporting.csv')}
                </a>
              </div>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
