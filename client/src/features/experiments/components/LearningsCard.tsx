import type { ExperimentDto } from '@coalesce/shared';
import { Button, Card, Field, Input, Textarea } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useLearningForm } from '../hooks/useLearningForm';

/** What the experiment taught so far, newest first, and (for writers) a form to add one. */
export function LearningsCard({
  wid,
  experiment: e,
  users,
  canWrite,
}: {
  wid: string;
  experiment: ExperimentDto;
  users: Map<string, string>;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const fmt = useDateFormat();
  const form = useLearningForm(wid, e.id);
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('experiments.learnings')}</h2>
      {canWrite && (
        <form onSubmit={form.onSubmit} noValidate className="space-y-2">
          <Field label={t('experiments.learningText')} error={form.errors.text}>
            {(f) => (
              <Textarea
                {...f}
                value={form.text}
                onChange={(ev) => form.setText(ev.target.value)}
                className="min-h-16"
              />
            )}
          </Field>
          <Field label={t('experiments.evidenceUrl')} error={form.errors.evidenceUrl}>
            {(f) => (
              <Input
                {...f}
                type="url"
                value={form.url}
                onChange={(ev) => form.setUrl(ev.target.value)}
              />
            )}
          </Field>
          <Button type="submit" disabled={form.pending}>
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
  );
}
