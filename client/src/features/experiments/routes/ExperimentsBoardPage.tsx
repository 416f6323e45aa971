import {
  canWriteExperiments,
  EXPERIMENT_STATUSES,
  type ExperimentStatus,
  type WorkspaceDto,
} from '@coalesce/shared';
import { clsx } from 'clsx';
import { useRef, useState } from 'react';
import { Link, useOutletContext } from 'react-router';
import { Badge, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useScrollEdges } from '../../../components/ui/useScrollEdges';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { useExperimentMutations, useExperiments } from '../api';
import { capacityOf } from '../../workspaces/capacity';

/** A column per status; drag a card (or use its menu) to move the experiment on. */
export function ExperimentsBoardPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t, tx } = useI18n();
  const experiments = useExperiments(ws.id);
  const partners = usePartners(ws.id);
  const { update } = useExperimentMutations(ws.id);
  const [over, setOver] = useState<ExperimentStatus | null>(null);
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const canWrite = canWriteExperiments(capacityOf(ws));
  const board = useRef<HTMLDivElement>(null);
  const edges = useScrollEdges(board);

  if (experiments.isPending) return <Spinner label={t('app.loading')} />;
  if (experiments.isError) return <ErrorNote>{experiments.error.message}</ErrorNote>;
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
      {/* Six columns never fit a phone (nor most laptops): the column names jump to a column,
          and a fade marks the side where more columns are. */}
      {edges.more && (
        <nav aria-label={t('layout.boardColumns')} className="space-y-1">
          <p className="text-sm text-slate-600">{t('layout.boardHint')}</p>
          <ul className="flex flex-wrap gap-1">
            {EXPERIMENT_STATUSES.map((status) => (
              <li key={status}>
                <button
                  type="button"
                  className="min-h-8 rounded-full bg-white px-3 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
                  onClick={() => {
                    const col = board.current?.querySelector<HTMLElement>(
                      `[data-status="${status}"]`,
                    );
                    if (board.current && col) {
                      board.current.scrollTo({
                        left: col.offsetLeft - board.current.offsetLeft,
                        behavior: 'smooth',
                      });
                    }
                  }}
                >
                  {tx(`experiments.statuses.${status}`)} (
                  {experiments.data.items.filter((e) => e.status === status).length})
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className="relative">
        <div
          ref={board}
          className="grid snap-x auto-cols-[min(16rem,80vw)] grid-flow-col gap-3 overflow-x-auto pb-2"
          data-testid="board"
        >
          {EXPERIMENT_STATUSES.map((status) => {
            const items = experiments.data.items.filter((e) => e.status === status);
            return (
              <section
                key={status}
                aria-label={tx(`experiments.statuses.${status}`)}
                data-status={status}
                onDragOver={(e) => {
                  if (!canWrite) return;
                  e.preventDefault();
                  setOver(status);
                }}
                onDragLeave={() => setOver(null)}
                onDrop={(e) => {
                  e.preventDefault();
                  setOver(null);
                  const id = e.dataTransfer.getData('text/experiment');
                  if (id) move(id, status);
                }}
                className={clsx(
                  'flex min-h-64 snap-start flex-col gap-2 rounded-lg bg-slate-100 p-2',
                  over === status && 'ring-2 ring-brand-500',
                )}
              >
                <h2 className="flex items-center justify-between px-1 text-sm font-semibold text-slate-700">
                  {tx(`experiments.statuses.${status}`)}{' '}
                  <span className="text-slate-600">{items.length}</span>
                </h2>
                {items.map((e) => (
                  <article
                    key={e.id}
                    draggable={canWrite}
                    onDragStart={(ev) => ev.dataTransfer.setData('text/experiment', e.id)}
                    data-testid={`card-${e.id}`}
                    className="cursor-grab rounded-md bg-white p-3 shadow-sm ring-1 ring-slate-200"
                  >
                    <Link to={e.id} className="font-medium text-slate-900 hover:text-brand-700">
                      {e.title}
                    </Link>
                    {e.leadPartnerId && (
                      <p className="text-xs text-slate-600">{names.get(e.leadPartnerId)}</p>
                    )}
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
                          onChange={(ev) => move(e.id, ev.target.value as ExperimentStatus)}
                        >
                          {EXPERIMENT_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {tx(`experiments.statuses.${s}`)}
                            </option>
                          ))}
                        </select>
                      </label>
                    )}
                  </article>
                ))}
                {items.length === 0 && (
                  <p className="px-1 text-xs text-slate-600">{t('experiments.empty')}</p>
                )}
              </section>
            );
          })}
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
