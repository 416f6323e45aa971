import type { PartnerDto } from '@coalesce/shared';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { statusTone, tierTone } from '../filters';
import { RepresentativesCell } from './RepresentativesCell';

export function PartnersTable({ partners }: { partners: PartnerDto[] }) {
  const { t, tx } = useI18n();
  const names = new Map(partners.map((p) => [p.id, p.name]));
  return (
    <div className="scroll-cue overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full text-left text-sm" data-testid="partners-table">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">{t('partners.name')}</th>
            {/* Second, so a phone shows who lacks a representative without scrolling sideways. */}
            <th className="px-4 py-2">{t('coalition.reps.column')}</th>
            <th className="px-4 py-2">{t('partners.actorType')}</th>
            <th className="px-4 py-2">{t('partners.tier')}</th>
            <th className="px-4 py-2">{t('partners.status')}</th>
            <th className="px-4 py-2">{t('partners.expertise')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {partners.map((p) => (
            <tr key={p.id}>
              <td className="px-4 py-2">
                <Link className="font-medium text-brand-700 hover:underline" to={p.id}>
                  {p.name}
                </Link>
                <span className="ml-2 text-xs text-slate-500">
                  {tx(`partners.kinds.${p.kind}`)}
                </span>
                {p.delegation && (
                  <span className="block text-xs text-slate-500" data-testid="partner-delegation">
                    {t('deliberation.delegation.listBadge', {
                      to: names.get(p.delegation.toPartnerId) ?? '…',
                    })}
                  </span>
                )}
              </td>
              <td className="px-4 py-2">
                <RepresentativesCell partner={p} />
              </td>
              <td className="px-4 py-2">{tx(`partners.actorTypes.${p.actorType}`)}</td>
              <td className="px-4 py-2">
                <Badge tone={tierTone(p.tier)}>{tx(`partners.tiers.${p.tier}`)}</Badge>
              </td>
              <td className="px-4 py-2">
                <Badge tone={statusTone(p.status)}>{tx(`partners.statuses.${p.status}`)}</Badge>
              </td>
              <td className="px-4 py-2 text-slate-600">{p.contributions.expertise.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
