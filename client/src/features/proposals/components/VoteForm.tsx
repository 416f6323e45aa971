import { VOTE_CHOICES, type VoteChoice } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import type { ProposalDto as Proposal } from '@coalesce/shared';
import { serverFieldErrors } from '../../../components/ui/form';
import { Button, ErrorNote, Field, Textarea } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useProposalActions } from '../api';

/** Yes, no or abstain for the partner the reader represents; a vote can be changed while open. */
export function VoteForm({
  wid,
  proposal: p,
  voted,
}: {
  wid: string;
  proposal: Proposal;
  voted: boolean;
}) {
  const { t, tx } = useI18n();
  const { vote } = useProposalActions(wid, p.id);
  const [choice, setChoice] = useState<VoteChoice>('yes');
  const [reason, setReason] = useState('');
  const fieldErrors = serverFieldErrors(vote.error);

  const onVote = (e: FormEvent) => {
    e.preventDefault();
    vote.mutate({ choice, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };

  return (
    <form onSubmit={onVote} className="space-y-2 border-t border-slate-100 pt-3">
      <fieldset className="flex flex-wrap gap-3">
        <legend className="sr-only">{t('proposals.vote')}</legend>
        {VOTE_CHOICES.map((c) => (
          <label key={c} className="flex items-center gap-1.5 text-sm">
            <input
              type="radio"
              name="choice"
              value={c}
              checked={choice === c}
              onChange={() => setChoice(c)}
            />
            {tx(`proposals.choices.${c}`)}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('proposals.reason')}
        hint={p.policy.rule === 'consensus' ? t('proposals.reasonRequired') : undefined}
        error={fieldErrors.reason}
      >
        {(f) => (
          <Textarea
            {...f}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="min-h-16"
          />
        )}
      </Field>
      {vote.error && !fieldErrors.reason && <ErrorNote>{vote.error.message}</ErrorNote>}
      <Button type="submit" disabled={vote.isPending}>
        {voted ? t('proposals.changeVote') : t('proposals.castVote')}
      </Button>
    </form>
  );
}
