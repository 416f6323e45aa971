import { useState } from 'react';
import type { ProposalDto as Proposal } from '@coalesce/shared';
import { serverFieldErrors } from '../../../components/ui/form';
import { Button, Card, ErrorNote, Field, Textarea } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useProposalActions } from '../api';

/** The autonomous rule: advice during the consultation, then the deciders decide. */
export function AdviceCard({
  wid,
  proposal: p,
  userNames,
  canAdvise,
  canDecide,
}: {
  wid: string;
  proposal: Proposal;
  userNames: Map<string, string>;
  canAdvise: boolean;
  canDecide: boolean;
}) {
  const { t } = useI18n();
  const { advise, decide } = useProposalActions(wid, p.id);
  const [advice, setAdvice] = useState('');
  const [rationale, setRationale] = useState('');
  const fmt = useDateFormat();
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('proposals.advice')}</h2>
      <p className="text-sm text-slate-500">{t('proposals.adviceHint')}</p>
      <ul className="space-y-2">
        {p.advice.map((a) => (
          <li key={a.id} className="rounded-md bg-slate-50 p-2 text-sm">
            <p className="whitespace-pre-line">{a.text}</p>
            <p className="text-xs text-slate-500">
              {userNames.get(a.authorId) ?? '…'} · {fmt.format(new Date(a.createdAt))}
            </p>
          </li>
        ))}
      </ul>
      {canAdvise && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            advise.mutate({ text: advice }, { onSuccess: () => setAdvice('') });
          }}
        >
          <Field label={t('proposals.giveAdvice')} error={serverFieldErrors(advise.error).text}>
            {(f) => (
              <Textarea
                {...f}
                value={advice}
                onChange={(e) => setAdvice(e.target.value)}
                className="min-h-16"
              />
            )}
          </Field>
          <Button type="submit" disabled={advise.isPending}>
            {t('proposals.giveAdvice')}
          </Button>
        </form>
      )}
      {canDecide && (
        <form
          className="space-y-2 border-t border-slate-100 pt-3"
          onSubmit={(e) => e.preventDefault()}
        >
          <Field
            label={t('proposals.decideRationale')}
            error={serverFieldErrors(decide.error).rationale}
          >
            {(f) => (
              <Textarea
                {...f}
                value={rationale}
                onChange={(e) => setRationale(e.target.value)}
                className="min-h-16"
              />
            )}
          </Field>
          {decide.isError && <ErrorNote>{decide.error.message}</ErrorNote>}
          <div className="flex gap-2">
            <Button onClick={() => decide.mutate({ outcome: 'accepted', rationale })}>
              {t('proposals.accept')}
            </Button>
            <Button
              variant="danger"
              onClick={() => decide.mutate({ outcome: 'rejected', rationale })}
            >
              {t('proposals.reject')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
