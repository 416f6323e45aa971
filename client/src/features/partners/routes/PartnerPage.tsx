import {
  canEditPartner,
  canViewPartnerParticipation,
  canSetDelegation,
  PARTNER_PROFILE_FIELDS,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { Link, useOutletContext, useParams } from 'react-router';
import { serverFieldErrors, type FieldErrors } from '../../../components/ui/form';
import { Badge, Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { ActivityFeed } from '../../activity/components/ActivityFeed';
import { usePartner, useUpdatePartner } from '../api';
import { DelegationCard } from '../components/DelegationCard';
import { LeavePartnerCard } from '../components/LeavePartnerCard';
import { PartnerFields, readPartnerFields } from '../components/PartnerFields';
import { PartnerRepresentatives } from '../components/PartnerRepresentatives';
import { capacityOf } from '../../workspaces/capacity';

export function PartnerPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { pid = '' } = useParams();
  const { t, tx } = useI18n();
  const partner = usePartner(ws.id, pid);
  const update = useUpdatePartner(ws.id, pid);
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const fmt = useDateFormat('date');

  if (partner.isPending) return <Spinner label={t('app.loading')} />;
  if (partner.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  const p = partner.data;
  const canEdit = canEditPartner(capacityOf(ws), p.id, PARTNER_PROFILE_FIELDS);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    update.mutate(readPartnerFields(e.currentTarget), {
      onSuccess: () => {
        setEditing(false);
        setErrors({});
      },
      onError: (err) => setErrors(serverFieldErrors(err)),
    });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-5">
        <header className="space-y-2">
          <h1 className="text-2xl font-semibold">{p.name}</h1>
          <div className="flex flex-wrap gap-2">
            <Badge>{tx(`partners.kinds.${p.kind}`)}</Badge>
            <Badge>{tx(`partners.actorTypes.${p.actorType}`)}</Badge>
            <Badge tone={p.tier === 'core' ? 'brand' : 'slate'}>
              {tx(`partners.tiers.${p.tier}`)}
            </Badge>
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
        {editing ? (
          <Card>
            <form noValidate onSubmit={onSubmit} className="space-y-4">
              <PartnerFields errors={errors} initial={p} />
              {errors._ && <ErrorNote>{errors._}</ErrorNote>}
              <div className="flex gap-2">
                <Button type="submit" disabled={update.isPending}>
                  {t('partners.save')}
                </Button>
                <Button variant="secondary" onClick={() => setEditing(false)}>
                  {t('workspaces.cancel')}
                </Button>
              </div>
            </form>
          </Card>
        ) : (
          <Card className="space-y-4">
            <div className="flex items-center justify-between">
              <h2 className="font-semibold">{t('partners.motivations')}</h2>
              {canEdit && (
                <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
                  {t('partners.edit')}
                </Button>
              )}
            </div>
            <ul className="list-disc pl-5 text-sm">
              {p.motivations.map((m) => (
                <li key={m}>{tx(`partners.motivationNames.${m}`)}</li>
              ))}
            </ul>
            <h2 className="font-semibold">{t('partners.contributions')}</h2>
            <dl className="grid gap-2 text-sm sm:grid-cols-3">
              {(['expertise', 'targetGroups', 'resources'] as const).map((k) => (
                <div key={k}>
                  <dt className="text-xs font-medium uppercase text-slate-500">
                    {t(`partners.${k}`)}
                  </dt>
                  <dd>{p.contributions[k].join(', ') || '—'}</dd>
                </div>
              ))}
            </dl>
          </Card>
        )}
        <Card>
          <PartnerRepresentatives ws={ws} partner={p} />
        </Card>
        {(p.status === 'active' || p.delegation) && (
          <DelegationCard
            wid={ws.id}
            partner={p}
            canEdit={canSetDelegation(capacityOf(ws), p.id)}
          />
        )}
        {canEdit && p.status === 'active' && <LeavePartnerCard wid={ws.id} partner={p} />}
      </div>
      <ActivityFeed workspaceId={ws.id} partnerId={p.id} title={t('partners.history')} />
    </div>
  );
}
