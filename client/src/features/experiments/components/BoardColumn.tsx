import type { ExperimentDto, ExperimentStatus } from '@coalesce/shared';
import { clsx } from 'clsx';
import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n';
import { ExperimentCard } from './ExperimentCard';

/** One status column; a card dropped on it moves to this status. */
export function BoardColumn({
  status,
  items,
  names,
  canWrite,
  onMove,
}: {
  status: ExperimentStatus;
  items: ExperimentDto[];
  names: Map<string, string>;
  canWrite: boolean;
  onMove(id: string, status: ExperimentStatus): void;
}) {
  const { t, tx } = useI18n();
  const [over, setOver] = useState(false);
  return (
    <section
      aria-label={tx(`experiments.statuses.${status}`)}
      data-status={status}
      onDragOver={(e) => {
        if (!canWrite) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const id = e.dataTransfer.getData('text/experiment');
        if (id) onMove(id, status);
      }}
      className={clsx(
        'flex min-h-64 snap-start flex-col gap-2 rounded-lg bg-slate-100 p-2',
        over && 'ring-2 ring-brand-500',
      )}
    >
      <h2 className="flex items-center justify-between px-1 text-sm font-semibold text-slate-700">
        {tx(`experiments.statuses.${status}`)}{' '}
        <span className="text-slate-600">{items.length}</span>
      </h2>
      {items.map((e) => (
        <ExperimentCard
          key={e.id}
          experiment={e}
          leadName={e.leadPartnerId ? names.get(e.leadPartnerId) : undefined}
          canWrite={canWrite}
          onMove={onMove}
        />
      ))}
      {items.length === 0 && (
        <p className="px-1 text-xs text-slate-600">{t('experiments.empty')}</p>
      )}
    </section>
  );
}
