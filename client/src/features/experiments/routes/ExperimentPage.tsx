import {
  canWriteExperiments,
  EXPERIMENT_STATUSES,
  type ExperimentStatus,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { useOutletContext, useParams } from 'react-router';
import { serverFieldErrors, type FieldErrors } from '../../../components/ui/form';
import {
  Badge,
  Button,
  Card,
  ErrorNote,
  Field,
  Input,
  Select,
  Spinner,
  Textarea,
} from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useMembers } from '../../members/api';
import { usePartners } from '../../partners/api';
import { usePrinciples } from '../../principles/api';
import { useExperiment, useExperimentMutations } from '../api';
import { DeleteExperimentButton } from '../components/DeleteExperimentButton';
import { ExperimentForm } from '../components/ExperimentForm';
import { capacityOf } from '../../workspaces/capacity';

export function ExperimentPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { eid = '' } = useParams();
  const { t, tx } = useI18n();
  const exp = useExperiment(ws.id, eid);
  const partners = usePartners(ws.id);
  const members = useMembers(ws.id);
  const principles = usePrinciples(ws.id);
  const { update, addLearning } = useExperimentMutations(ws.id);
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const fmt = useDateFormat();
  if (exp.isPending) return <Spinner label={t('app.loading')} />;
  if (exp.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  const e = exp.data;
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const users = new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName]));
  const canWrite = canWriteExperiments(capacityOf(ws));
  const learningErrors = serverFieldErrors(addLearning.error);

  const onLearning = (ev: FormEvent) => {
    ev.preventDefault();
    addLearning.mutate(
      { id: e.id, text, ...(url.trim() ? { evidenceUrl: url.trim() } : {}) },
      { onSuccess: () => (setText(''), setUrl('')) },
    );
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
      <div className="space-y-5">
        <header className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold">{e.title}</h1>
            <Badge tone="brand">
              <span data-testid="experiment-status">{tx(`experiments.statuses.${e.status}`)}</span>
            </Badge>
          </div>
          {canWrite && (
            <label className="flex items-center gap-2 text-sm">
              {t('experiments.status')}
              <Select
                className="w-auto"
                value={e.status}
                onChange={(ev) =>
                  update.mutate({ id: e.id, status: ev.target.value as ExperimentStatus })
                }
              >
                {EXPERIMENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {tx(`experiments.statuses.${s}`)}
                  </option>
                ))}
              </Select>
            </label>
          )}
          <DeleteExperimentButton ws={ws} experiment={e} />
        </header>
        {editing ? (
          <Card>
            <ExperimentForm
              wid={ws.id}
              initial={e}
              errors={errors}
              pending={update.isPending}
              submitLabel={t('experiments.save')}
              onSubmit={(body) =>
                update.mutate(
                  { id: e.id, ...body },
                  {
                    onSuccess: () => (setEditing(false), setErrors({})),
                    onError: (err) => setErrors(serverFieldErrors(err)),
                  },
                )
              }
            />
          </Card>
        ) : (
          <Card className="space-y-3 text-sm">
            {canWrite && (
              <div className="flex justify-end">
                <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
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
              <div>
                <dt className="text-xs uppercase text-slate-500">{t('experiments.lead')}</dt>
                <dd>{e.leadPartnerId ? names.get(e.leadPartnerId) : t('experiments.noLead')}</dd>
              </div>
              <div>
                <dt className="text-xs uppercase text-slate-500">{t('experiments.partners')}</dt>
                <dd>{e.partnerIds.map((id) => names.get(id) ?? '…').join(', ') || '—'}</dd>
              </div>
              <div>
                <dt className="text-xs uppercase text-slate-500">
                  {t('experiments.targetGroups')}
                </dt>
                <dd>{e.targetGroups.join(', ') || '—'}</dd>
              </div>
              <div>
                <dt className="text-xs uppercase text-slate-500">
                  {t('experiments.neededExpertise')}
                </dt>
                <dd>{e.neededExpertise.join(', ') || '—'}</dd>
              </div>
              <div>
                <dt className="text-xs uppercase text-slate-500">{t('experiments.barriers')}</dt>
                <dd>
                  {e.barriers.map((b) => tx(`experiments.barrierNames.${b}`)).join(', ') || '—'}
                </dd>
              </div>
              <div>
                <dt className="text-xs uppercase text-slate-500">
                  {t('experiments.startDate')} – {t('experiments.endDate')}
                </dt>
                <dd>
                  {e.startDate ?? '…'} – {e.endDate ?? '…'}
                </dd>
              </div>
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
        )}
      </div>
      <Card className="space-y-3">
        <h2 className="font-semibold">{t('experiments.learnings')}</h2>
        {canWrite && (
          <form onSubmit={onLearning} noValidate className="space-y-2">
            <Field label={t('experiments.learningText')} error={learningErrors.text}>
              {(f) => (
                <Textarea
                  {...f}
                  value={text}
                  onChange={(ev) => setText(ev.target.value)}
                  className="min-h-16"
                />
              )}
            </Field>
            <Field label={t('experiments.evidenceUrl')} error={learningErrors.evidenceUrl}>
              {(f) => (
                <Input {...f} type="url" value={url} onChange={(ev) => setUrl(ev.target.value)} />
              )}
            </Field>
            <Button type="submit" disabled={addLearning.isPending}>
              {t('experiments.addLearning')}
            </Button>
          </form>
        )}
        {e.learnings.length === 0 ? (
          <p className="text-sm text-slate-500">{t('experiments.noLearnings')}</p>
        ) : (
          <ol className="space-y-3" data-testid="learnings">
            {e.learnings.map((l) => (
              <li key={l.id} className="border-l-2 border-brand-100 pl-3 text-sm">
                <p className="whitespace-pre-line">{l.text}</p>
                {l.evidenceUrl && (
                  <a
                    className="text-brand-700 underline"
                    href={l.evidenceUrl}
                    target="_blank"
                    rel="noreferrer noopener"
                  >
                    {l.evidenceUrl}
                  </a>
                )}
                <p className="text-xs text-slate-500">
                  {users.get(l.authorId) ?? '…'} · {fmt.format(new Date(l.createdAt))}
                </p>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
