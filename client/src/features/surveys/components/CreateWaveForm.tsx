import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { serverFieldErrors } from '../../../components/ui/form';
import { Button, Card, ErrorNote, Field, Input } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useSurveyMutations } from '../api';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

/** A date field (local day) as the instant the API takes: that day at 17:00 local time. */
const dayEnd = (day: string) => (day ? new Date(`${day}T17:00`).toISOString() : undefined);
const dayStart = (day: string) => (day ? new Date(`${day}T08:00`).toISOString() : undefined);

/** Coordinators open a wave: a title and the day it closes (opening now unless a day is set). */
export function CreateWaveForm({ wid }: { wid: string }) {
  const { t, tx } = useI18n();
  const navigate = useNavigate();
  const { create } = useSurveyMutations(wid);
  const [title, setTitle] = useState('');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState(inDays(14));
  const errors = serverFieldErrors(create.error, tx);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      title,
      closesAt: dayEnd(closesAt) ?? '',
      ...(opensAt ? { opensAt: dayStart(opensAt) } : {}),
    };
    create.mutate(body, { onSuccess: (w) => void navigate(w.id) });
  };

  return (
    <Card>
      <form onSubmit={submit} className="space-y-3" aria-labelledby="new-wave">
        <h2 id="new-wave" className="font-semibold">
          {t('surveys.create.heading')}
        </h2>
        <p className="text-sm text-slate-600">{t('surveys.create.hint')}</p>
        <Field label={t('surveys.create.title')} error={errors.title}>
          {(p) => (
            <Input
              {...p}
              value={title}
              required
              maxLength={200}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('surveys.create.opensAt')} error={errors.opensAt}>
          {(p) => (
            <Input
              {...p}
              type="date"
              value={opensAt}
              onChange={(e) => setOpensAt(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('surveys.create.closesAt')} error={errors.closesAt}>
          {(p) => (
            <Input
              {...p}
              type="date"
              required
              value={closesAt}
              onChange={(e) => setClosesAt(e.target.value)}
            />
          )}
        </Field>
        {create.error && !Object.keys(errors).length && (
          <ErrorNote>{create.error.message}</ErrorNote>
        )}
        <Button type="submit" disabled={create.isPending}>
          {t('surveys.create.submit')}
        </Button>
      </form>
    </Card>
  );
}
