import {
  ACTOR_TYPES,
  canManagePartners,
  PARTNER_STATUSES,
  TIERS,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { Link, useOutletContext } from 'react-router';
import { serverFieldErrors, type FieldErrors } from '../../../components/ui/form';
import { Badge, Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useCreatePartner, usePartners, type PartnerFilters } from '../api';
import { PartnerFields, readPartnerFields } from '../components/PartnerFields';
import { RepresentativesCell } from '../components/RepresentativesCell';
import { capacityOf } from '../../workspaces/capacity';

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange(v: string): void;
}) {
  const { t } = useI18n();
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <select
        className="rounded-md border border-slate-300 px-2 py-1.5"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('partners.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PartnersPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t, tx } = useI18n();
  const [filters, setFilters] = useState<PartnerFilters>({});
  const partners = usePartners(ws.id, filters);
  const create = useCreatePartner(ws.id);
  const [adding, setAdding] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (k: keyof PartnerFilters) => (v: string) =>
    setFilters((f) => ({ ...f, [k]: v || undefined }));

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = {
      ...readPartnerFields(form),
      tier: (form.elements.namedItem('tier') as HTMLSelectElement).value,
    };
    create.mutate(body, {
      onSuccess: () => {
        setErrors({});
        setAdding(false);
      },
      onError: (err) => setErrors(serverFieldErrors(err)),
    });
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t('partners.title')}</h1>
        {canManagePartners(capacityOf(ws)) && !adding && (
          <Button onClick={() => setAdding(true)}>{t('partners.add')}</Button>
        )}
      </div>
      {adding && (
        <Card>
          <h2 className="text-lg font-semibold">{t('partners.addTitle')}</h2>
          <p className="mb-3 text-sm text-slate-600">{t('partners.addHint')}</p>
          <form noValidate onSubmit={onSubmit} className="space-y-4">
            <PartnerFields errors={errors} showTier />
            {errors._ && <ErrorNote>{errors._}</ErrorNote>}
            <div className="flex gap-2">
              <Button type="submit" disabled={create.isPending}>
                {t('partners.add')}
              </Button>
              <Button variant="secondary" onClick={() => setAdding(false)}>
                {t('workspaces.cancel')}
              </Button>
            </div>
          </form>
        </Card>
      )}
      <div className="flex flex-wrap gap-3">
        <FilterSelect
          label={t('partners.tier')}
          value={filters.tier ?? ''}
          onChange={set('tier')}
          options={TIERS.map((x) => ({ value: x, label: tx(`partners.tiers.${x}`) }))}
        />
        <FilterSelect
          label={t('partners.actorType')}
          value={filters.actorType ?? ''}
          onChange={set('actorType')}
          options={ACTOR_TYPES.map((x) => ({ value: x, label: tx(`partners.actorTypes.${x}`) }))}
        />
        <FilterSelect
          label={t('partners.status')}
          value={filters.status ?? ''}
          onChange={set('status')}
          options={PARTNER_STATUSES.map((x) => ({ value: x, label: tx(`partners.statuses.${x}`) }))}
        />
      </div>
      {partners.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : partners.isError ? (
        <ErrorNote>{partners.error.message}</ErrorNote>
      ) : partners.data.items.length === 0 ? (
        <p className="text-slate-600">{t('partners.empty')}</p>
      ) : (
        <div className="scroll-cue overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-left text-sm" data-testid="partners-table">
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-2">{t('partners.name')}</th>
                <th className="px-4 py-2">{t('partners.actorType')}</th>
                <th className="px-4 py-2">{t('partners.tier')}</th>
                <th className="px-4 py-2">{t('partners.status')}</th>
                <th className="px-4 py-2">{t('coalition.reps.column')}</th>
                <th className="px-4 py-2">{t('partners.expertise')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {partners.data.items.map((p) => (
                <tr key={p.id}>
                  <td className="px-4 py-2">
                    <Link className="font-medium text-brand-700 hover:underline" to={p.id}>
                      {p.name}
                    </Link>
                    <span className="ml-2 text-xs text-slate-500">
                      {tx(`partners.kinds.${p.kind}`)}
                    </span>
                  </td>
                  <td className="px-4 py-2">{tx(`partners.actorTypes.${p.actorType}`)}</td>
                  <td className="px-4 py-2">
                    <Badge tone={p.tier === 'core' ? 'brand' : 'slate'}>
                      {tx(`partners.tiers.${p.tier}`)}
                    </Badge>
                  </td>
                  <td className="px-4 py-2">
                    <Badge
                      tone={
                        p.status === 'active'
                          ? 'brand'
                          : p.status === 'candidate'
                            ? 'amber'
                            : 'rose'
                      }
                    >
                      {tx(`partners.statuses.${p.status}`)}
                    </Badge>
                  </td>
                  <td className="px-4 py-2">
                    <RepresentativesCell partner={p} />
                  </td>
                  <td className="px-4 py-2 text-slate-600">
                    {p.contributions.expertise.join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
