import { canViewPartnerParticipation, type PartnerDto, type WorkspaceDto } from '@coalesce/shared';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { capacityOf } from '../../workspaces/capacity';

/** Who the partner is: name, kind, circle, status, when it joined, and its own description. */
export function PartnerHeader({ ws, partner: p }: { ws: WorkspaceDto; partner: PartnerDto }) {
  const { t, tx } = useI18n();
  const fmt = useDateFormat('date');
  return (
    <header className="space-y-2">
      <h1 className="text-2xl font-semibold">{p.name}</h1>
      <div className="flex flex-wrap gap-2">
        <Badge>{tx(`partners.kinds.${p.kind}`)}</Badge>
        <Badge>{tx(`partners.actorTypes.${p.actorType}`)}</Badge>
        <Badge tone={p.tier === 'core' ? 'brand' : 'slate'}>{tx(`partners.tiers.${p.tier}`)}</Badge>
        <Badge tone={p.status === 'active' ? 'brand' : 'amber'}>
          {tx(`partners.statuses.${p.status}`)}
        </Badge>
      </div>
      <p className="text-sm text-slate-600">
        {p.joinedAt && t('partners.joined', { date: fmt.format(new Date(p.joinedAt)) })}
        {p.leftAt && ` · ${t('partners.left', { date: fmt.format(new Date(p.leftAt)) })}`}
      </p>
      {p.description && <p className="whitespace-pre-line text-slate-700">{p.description}</p>}
      {canViewPartnerParticipation(capacityOf(ws), p.id) && (
        <p className="text-sm">
          <Link
            to={`/w/${ws.id}/participation?partner=${p.id}`}
            className="text-brand-700 hover:underline"
          >
            {t('participation.link')}
          </Link>
        </p>
      )}
    </header>
  );
}
