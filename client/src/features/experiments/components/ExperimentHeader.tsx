import type { ExperimentDto, ExperimentStatus, WorkspaceDto } from '@coalesce/shared';
import { Badge, Select } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { DeleteExperimentButton } from './DeleteExperimentButton';
import { StatusOptions } from './StatusOptions';

/** Title and status; writers change the status here, those allowed delete the experiment. */
export function ExperimentHeader({
  ws,
  experiment: e,
  onStatus,
}: {
  ws: WorkspaceDto;
  experiment: ExperimentDto;
  /** Absent for those who may not change it. */
  onStatus?: (status: ExperimentStatus) => void;
}) {
  const { t, tx } = useI18n();
  return (
    <header className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold">{e.title}</h1>
        <Badge tone="brand">
          <span data-testid="experiment-status">{tx(`experiments.statuses.${e.status}`)}</span>
        </Badge>
      </div>
      {onStatus && (
        <label className="flex items-center gap-2 text-sm">
          {t('experiments.status')}
          <Select
            className="w-auto"
            value={e.status}
            onChange={(ev) => onStatus(ev.target.value as ExperimentStatus)}
          >
            <StatusOptions />
          </Select>
        </label>
      )}
      <DeleteExperimentButton ws={ws} experiment={e} />
    </header>
  );
}
