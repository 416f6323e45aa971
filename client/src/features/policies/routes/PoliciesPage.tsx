import { canSetPolicies, STAGES, TIERS, type Stage, type WorkspaceDto } from '@coalesce/shared';
import { useState } from 'react';
import { useOutletContext } from 'react-router';
import { Badge, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { capacityOf } from '../../workspaces/capacity';
import { usePolicies } from '../api';
import { PolicyForm } from '../components/PolicyForm';

export function PoliciesPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t, tx } = useI18n();
  const policies = usePolicies(ws.id);
  const [stage, setStage] = useState<Stage>(ws.stage);
  if (policies.isPending) return <Spinner label={t('app.loading')} />;
  if (policies.isError) return <ErrorNote>{policies.error.message}</ErrorNote>;
  const row = policies.data.byStage[stage];
  return (
    <div className="max-w-4xl space-y-5">
      <header>
        <h1 className="text-2xl font-semibold">{t('policies.title')}</h1>
        <p className="text-slate-600">{t('policies.intro')}</p>
      </header>
      <div className="flex flex-wrap gap-2" role="tablist">
        {STAGES.map((s) => (
          <button
            key={s}
            role="tab"
            aria-selected={s === stage}
            onClick={() => setStage(s)}
            className={`rounded-full px-3 py-1 text-sm ring-1 ${s === stage ? 'bg-brand-700 text-white ring-brand-700' : 'bg-white ring-slate-300'}`}
          >
            {tx(`stages.${s}.name`)} {s === policies.data.stage && `(${t('policies.current')})`}
          </button>
        ))}
      </div>
      {TIERS.map((tier) => (
        <Card key={`${stage}-${tier}`}>
          <h2 className="mb-3 flex items-center gap-2 font-semibold">
            {tx(`partners.tiers.${tier}`)}{' '}
            <Badge tone="indigo">{tx(`proposals.rules.${row[tier].rule}`)}</Badge>
          </h2>
          <PolicyForm
            wid={ws.id}
            stage={stage}
            tier={tier}
            policy={row[tier]}
            readOnly={!canSetPolicies(capacityOf(ws))}
          />
        </Card>
      ))}
    </div>
  );
}
