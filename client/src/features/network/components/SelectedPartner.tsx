import type { NetworkNodeDto } from '@coalesce/shared';
import { Link } from 'react-router';
import { Badge, Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

/** The partner picked on the map or in the table, with its figures explained. */
export function SelectedPartner({ node }: { node: NetworkNodeDto | undefined }) {
  const { t, tx, locale } = useI18n();
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // Announced when the keyboard walks through the partners.
  return (
    <div aria-live="polite" data-testid="selected-partner">
      {node && (
        <Card>
          <h2 className="text-sm font-semibold text-slate-600">{t('network.selected')}</h2>
          <p className="text-lg font-semibold">{node.name}</p>
          <div className="my-2 flex flex-wrap gap-1">
            <Badge>{tx(`partners.actorTypes.${node.actorType}`)}</Badge>
            <Badge tone="brand">{tx(`partners.tiers.${node.tier}`)}</Badge>
          </div>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="font-medium">{t('network.degree', { n: node.metrics.degree })}</dt>
              <dd className="text-slate-600">{t('network.degreeExplain')}</dd>
            </div>
            <div>
              <dt className="font-medium">
                {t('network.betweenness', { n: num.format(node.metrics.betweenness) })}
              </dt>
              <dd className="text-slate-600">{t('network.betweennessExplain')}</dd>
            </div>
          </dl>
          <Link
            className="mt-2 inline-block py-1 text-sm font-medium text-brand-700 underline"
            to={`../partners/${node.id}`}
          >
            {t('network.openProfile')}
          </Link>
        </Card>
      )}
    </div>
  );
}
