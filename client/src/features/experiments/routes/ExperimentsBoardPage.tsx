import {
  canWriteExperiments,
  EXPERIMENT_STATUSES,
  type ExperimentStatus,
  type WorkspaceDto,
} from '@coalesce/shared';
import { Link, useOutletContext } from 'react-router';
import { ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { useExperimentMutations, useExperiments } from '../api';
import { countsOf, groupByStatus } from '../board';
import { BoardColumn } from '../components/BoardColumn';
import { BoardColumnNav } from '../components/BoardColumnNav';
import { useBoardScroll } from '../hooks/useBoardScroll';
import { capacityOf } from '../../workspaces/capacity';

/** A column per status; drag a card (or use its menu) to move the experiment on. */
export function ExperimentsBoardPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const experiments = useExperiments(ws.id);
  const partners = usePartners(ws.id);
  const { update } = useExperimentMutations(ws.id);
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const canWrite = canWriteExperiments(capacityOf(ws));
  const { board, edges, scrollTo } = useBoardScroll();

  if (experiments.isPending) return <Spinner label={t('app.loading')} />;
  if (experiments.isError) return <ErrorNote>{experiments.error.message}</ErrorNote>;
  const columns = groupByStatus(experiments.data.items);
  const move = (id: string, status: ExperimentStatus) => update.mutate({ id, status });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t('experiments.title')}</h1>
          {canWrite && <p className="text-sm text-slate-500">{t('experiments.dragHint')}</p>}
        </div>
        {canWrite && (
          <Link
            className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800"
            to="new"
          >
            {t('experiments.new')}
          </Link>
        )}
      </div>
      {update.isError && <ErrorNote>{update.error.message}</ErrorNote>}
      {/* A fade marks the side where more columns are. */}
      {edges.more && <BoardColumnNav counts={countsOf(columns)} onJump={scrollTo} />}
      <div className="relative">
        <div
          ref={board}
          className="grid snap-x auto-cols-[min(16rem,80vw)] grid-flow-col gap-3 overflow-x-auto pb-2"
          data-testid="board"
        >
          {EXPERIMENT_STATUSES.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              items={columns[status]}
              names={names}
              canWrite={canWrite}
              onMove={move}
            />
          ))}
        </div>
        {edges.moreRight && (
          <span
            aria-hidden
            className="pointer-events-none absolute inset-y-0 right-0 w-12 bg-gradient-to-l from-slate-50"
          />
        )}
        {edges.moreLeft && (
          <span
            aria-hidden
            className="pointer-events-none absolute inset-y-0 left-0 w-12 bg-gradient-to-r from-slate-50"
          />
        )}
      </div>
    </div>
  );
}
