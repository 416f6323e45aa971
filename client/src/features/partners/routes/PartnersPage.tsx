import { canManagePartners, type WorkspaceDto } from '@coalesce/shared';
import { useState } from 'react';
import { useOutletContext } from 'react-router';
import { Button, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../api';
import { AddPartnerCard } from '../components/AddPartnerCard';
import { PartnerFilterBar } from '../components/PartnerFilterBar';
import { PartnersTable } from '../components/PartnersTable';
import { usePartnerFilters } from '../hooks/usePartnerFilters';
import { capacityOf } from '../../workspaces/capacity';

export function PartnersPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const { filters, set } = usePartnerFilters();
  const partners = usePartners(ws.id, filters);
  const [adding, setAdding] = useState(false);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t('partners.title')}</h1>
        {canManagePartners(capacityOf(ws)) && !adding && (
          <Button onClick={() => setAdding(true)}>{t('partners.add')}</Button>
        )}
      </div>
      {adding && <AddPartnerCard wid={ws.id} onClose={() => setAdding(false)} />}
      <PartnerFilterBar filters={filters} set={set} />
      {partners.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : partners.isError ? (
        <ErrorNote>{partners.error.message}</ErrorNote>
      ) : partners.data.items.length === 0 ? (
        <p className="text-slate-600">{t('partners.empty')}</p>
      ) : (
        <PartnersTable partners={partners.data.items} />
      )}
    </div>
  );
}
