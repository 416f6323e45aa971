import type { ExperimentDto } from '@coalesce/shared';
import type { ReactNode } from 'react';
import { Button, Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePrinciples } from '../../principles/api';

function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The experiment read-only: hypothesis, who takes part, for whom, and the principles it serves. */
export function ExperimentDetails({
  wid,
  experiment: e,
  names,
  onEdit,
}: {
  wid: string;
  experiment: ExperimentDto;
  names: Map<string, string>;
  /** Absent for those who may not edit. */
  onEdit?: () => void;
}) {
  const { t, tx } = useI18n();
  const principles = usePrinciples(wid);
  return (
    <Card className="space-y-3 text-sm">
      {onEdit && (
        <div className="flex justify-end">
          <Button variant="secondary" size="sm" onClick={onEdit}>
            {t('workspaces.edit')}
          </Button>
        </div>
      )}
      <section>
        <h2 className="font-semibold">{t('experiments.hypothesis')}</h2>
        <p className="whitespace-pre-line">{e.hypothesis || '—'}</p>
      </section>
      {e.description && (
        <section>
          <h2 className="font-semibold">{t('experiments.description')}</h2>
          <p className="whitespace-pre-line">{e.description}</p>
        </section>
      )}
      <dl className="grid gap-3 sm:grid-cols-2">
        <Fact label={t('experiments.lead')}>
          {e.leadPartnerId ? names.get(e.leadPartnerId) : t('experiments.noLead')}
        </Fact>
        <Fact label={t('experiments.partners')}>
          {e.partnerIds.map((id) => names.get(id) ?? '…').join(', ') || '—'}
        </Fact>
        <Fact label={t('experiments.targetGroups')}>{e.targetGroups.join(', ') || '—'}</Fact>
        <Fact label={t('experiments.neededExpertise')}>{e.neededExpertise.join(', ') || '—'}</Fact>
        <Fact label={t('experiments.barriers')}>
          {e.barriers.map((b) => tx(`experiments.barrierNames.${b}`)).join(', ') || '—'}
        </Fact>
        <Fact
          label={
            <>
              {t('experiments.startDate')} – {t('experiments.endDate')}
            </>
          }
        >
          {e.startDate ?? '…'} – {e.endDate ?? '…'}
        </Fact>
      </dl>
      {e.principleIds.length > 0 && (
        <section>
          <h2 className="font-semibold">{t('experiments.principles')}</h2>
          <ul className="list-disc pl-5">
            {(principles.data?.items ?? [])
              .filter((p) => e.principleIds.includes(p.id))
              .map((p) => (
                <li key={p.id}>{p.title}</li>
              ))}
          </ul>
        </section>
      )}
    </Card>
  );
}
