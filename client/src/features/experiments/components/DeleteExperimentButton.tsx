import type { WorkspaceDto } from '@coalesce/shared';
import { useNavigate } from 'react-router';
import type { ExperimentDto as Experiment } from '@coalesce/shared';
import { Button, ErrorNote } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useDeleteExperiment } from '../api';

/** Shown to those the server lets delete: coordinators and the lead partner's representatives. */
export function DeleteExperimentButton({
  ws,
  experiment: e,
}: {
  ws: WorkspaceDto;
  experiment: Experiment;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const remove = useDeleteExperiment(ws.id);
  const allowed =
    ws.myRole === 'coordinator' ||
    (ws.myRole !== 'observer' && Boolean(e.leadPartnerId && e.leadPartnerId === ws.myPartnerId));
  if (!allowed) return null;
  return (
    <div className="space-y-2">
      <Button
        variant="danger"
        size="sm"
        disabled={remove.isPending}
        onClick={() =>
          window.confirm(t('coalition.experiments.confirmDelete', { title: e.title })) &&
          remove.mutate(e.id, { onSuccess: () => navigate(`/w/${ws.id}/experiments`) })
        }
      >
        {t('coalition.experiments.delete')}
      </Button>
      {remove.isError && <ErrorNote>{remove.error.message}</ErrorNote>}
    </div>
  );
}
