import type { ExperimentDto, ExperimentStatus } from '@coalesce/shared';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { StatusOptions } from './StatusOptions';

/** A card on the board: dragged to another column, or moved with its own status menu. */
export function ExperimentCard({
  experiment: e,
  leadName,
  canWrite,
  onMove,
}: {
  experiment: ExperimentDto;
  leadName: string | undefined;
  canWrite: boolean;
  onMove(id: string, status: ExperimentStatus): void;
}) {
  const { t, tx } = useI18n();
  return (
    <article
      draggable={canWrite}
      onDragStart={(ev) => ev.dataTransfer.setData('text/experiment', e.id)}
      data-testid={`card-${e.id}`}
      className="cursor-grab rounded-md bg-white p-3 shadow-sm ring-1 ring-slate-200"
    >
      <Link to={e.id} className="font-medium text-slate-900 hover:text-brand-700">
        {e.title}
      </Link>
      {e.leadPartnerId && <p className="text-xs text-slate-600">{leadName}</p>}
      <div className="mt-2 flex flex-wrap gap-1">
        {e.barriers.slice(0, 3).map((b) => (
          <Badge key={b} tone="amber">
            {tx(`experiments.barrierNames.${b}`)}
          </Badge>
        ))}
      </div>
      {canWrite && (
        <label className="mt-2 flex items-center gap-1 text-xs text-slate-600">
          {t('experiments.moveTo')}
          <select
            className="min-h-8 min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-1"
            value={e.status}
            onChange={(ev) => onMove(e.id, ev.target.value as ExperimentStatus)}
          >
            <StatusOptions />
          </select>
        </label>
      )}
    </article>
  );
}
