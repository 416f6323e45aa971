import { canDeleteExperiment, type WorkspaceDto } from '@coalesce/shared';
import { useNavigate } from 'react-router';
import type { ExperimentDto as Experiment } from '@coalesce/shared';
import { Button, ErrorNote } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { capacityOf } from '../../workspaces/capacity';
import { useDeleteExperiment } from '../api';

/** Shown to those the server lets delete (`canDeleteExperiment`, the server's own rule). */
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
  if (!canDeleteExperiment(capacityOf(ws), e)) return null;
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
