import { canWriteExperiments, type WorkspaceDto } from '@coalesce/shared';
import { useState } from 'react';
import { useOutletContext, useParams } from 'react-router';
import { serverFieldErrors, type FieldErrors } from '../../../components/ui/form';
import { Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMembers } from '../../members/api';
import { usePartners } from '../../partners/api';
import { useExperiment, useExperimentMutations } from '../api';
import { ExperimentDetails } from '../components/ExperimentDetails';
import { ExperimentForm } from '../components/ExperimentForm';
import { ExperimentHeader } from '../components/ExperimentHeader';
import { LearningsCard } from '../components/LearningsCard';
import { capacityOf } from '../../workspaces/capacity';
import { Discussion } from '../../threads';

export function ExperimentPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { eid = '' } = useParams();
  const { t } = useI18n();
  const exp = useExperiment(ws.id, eid);
  const partners = usePartners(ws.id);
  const members = useMembers(ws.id);
  const { update } = useExperimentMutations(ws.id);
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  if (exp.isPending) return <Spinner label={t('app.loading')} />;
  if (exp.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  const e = exp.data;
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const users = new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName]));
  const canWrite = canWriteExperiments(capacityOf(ws));

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
      <div className="space-y-5">
        <ExperimentHeader
          ws={ws}
          experiment={e}
          onStatus={canWrite ? (status) => update.mutate({ id: e.id, status }) : undefined}
        />
        {editing ? (
          <Card>
            <ExperimentForm
              wid={ws.id}
              initial={e}
              errors={errors}
              pending={update.isPending}
              submitLabel={t('experiments.save')}
              onSubmit={(body) =>
                update.mutate(
                  { id: e.id, ...body },
                  {
                    onSuccess: () => (setEditing(false), setErrors({})),
                    onError: (err) => setErrors(serverFieldErrors(err)),
                  },
                )
              }
            />
          </Card>
        ) : (
          <ExperimentDetails
            wid={ws.id}
            experiment={e}
            names={names}
            onEdit={canWrite ? () => setEditing(true) : undefined}
          />
        )}
        <Discussion workspaceId={ws.id} subject={{ type: 'experiment', id: e.id }} />
      </div>
      <LearningsCard wid={ws.id} experiment={e} users={users} canWrite={canWrite} />
    </div>
  );
}
