import { canManagePrinciples, type WorkspaceDto } from '@coalesce/shared';
import { useOutletContext } from 'react-router';
import { Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePrincipleMutations, usePrinciples } from '../api';
import { AddPrincipleForm } from '../components/AddPrincipleForm';
import { PrincipleItem } from '../components/PrincipleItem';
import { capacityOf } from '../../workspaces/capacity';

export function PrinciplesPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const list = usePrinciples(ws.id);
  const { update, remove } = usePrincipleMutations(ws.id);
  const canWrite = canManagePrinciples(capacityOf(ws));
  const items = list.data?.items ?? [];
  const moveTo = (id: string, neighbour: number) => () =>
    update.mutate({ id, order: items[neighbour]!.order });

  return (
    <div className="max-w-3xl space-y-5">
      <header>
        <h1 className="text-2xl font-semibold">{t('principles.title')}</h1>
        <p className="text-slate-600">{t('principles.intro')}</p>
      </header>
      {list.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : items.length === 0 ? (
        <p className="text-slate-500">{t('principles.empty')}</p>
      ) : (
        <ol className="space-y-3" data-testid="principles">
          {items.map((p, i) => (
            <PrincipleItem
              key={p.id}
              principle={p}
              position={i + 1}
              actions={
                canWrite
                  ? {
                      onUp: i > 0 ? moveTo(p.id, i - 1) : undefined,
                      onDown: i < items.length - 1 ? moveTo(p.id, i + 1) : undefined,
                      onDelete: () => remove.mutate(p.id),
                    }
                  : undefined
              }
            />
          ))}
        </ol>
      )}
      {canWrite && <AddPrincipleForm wid={ws.id} />}
    </div>
  );
}
