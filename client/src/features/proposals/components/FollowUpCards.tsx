import type { ProposalDto } from '@coalesce/shared';
import { useState } from 'react';
import { Button, Card, ErrorNote, Field, Input, Textarea } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useProposalActions } from '../api';
import { timeLeft } from '../explain';

/** The proposer's (or a coordinator's) statement on the outcome, and the form to write it. */
export function StatementCard({
  wid,
  proposal: p,
  userNames,
  canWrite,
}: {
  wid: string;
  proposal: ProposalDto;
  userNames: Map<string, string>;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const fmt = useDateFormat();
  const { statement } = useProposalActions(wid, p.id);
  const current = p.outcome?.statement;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(current?.text ?? '');
  if (!current && !canWrite) return null;
  const showForm = canWrite && (!current || editing);
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('deliberation.proposal.statementTitle')}</h2>
      {current && !editing && (
        <blockquote className="space-y-1 border-l-4 border-brand-500 pl-3" data-testid="statement">
          <p className="whitespace-pre-line">{current.text}</p>
          <footer className="text-xs text-slate-500">
            {t('deliberation.proposal.statementBy', {
              name: userNames.get(current.by) ?? '…',
              date: fmt.format(new Date(current.at)),
            })}
          </footer>
        </blockquote>
      )}
      {current && canWrite && !editing && (
        <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
          {t('deliberation.proposal.statementEdit')}
        </Button>
      )}
      {showForm && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            statement.mutate({ text }, { onSuccess: () => setEditing(false) });
          }}
        >
          <Field label={t('deliberation.proposal.statementLabel')}>
            {(f) => (
              <Textarea
                {...f}
                name="statement"
                rows={3}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            )}
          </Field>
          {statement.error && <ErrorNote>{statement.error.message}</ErrorNote>}
          <Button type="submit" disabled={!text.trim() || statement.isPending}>
            {t('deliberation.proposal.statementSave')}
          </Button>
        </form>
      )}
    </Card>
  );
}

/**
 * While open: remind the partners without a vote (proposer or coordinator; once an hour, the
 * button says how long until the next) and extend the deadline (coordinators).
 */
export function FollowUpCard({
  wid,
  proposal: p,
  canRemind,
  canExtend,
  now,
}: {
  wid: string;
  proposal: ProposalDto;
  canRemind: boolean;
  canExtend: boolean;
  now: number;
}) {
  const { t } = useI18n();
  const { remind, extend } = useProposalActions(wid, p.id);
  const [closesAt, setClosesAt] = useState(() => toLocalInput(p.closesAt, 7 * 24));
  if (!canRemind && !canExtend) return null;
  const allowedAt = p.remindAllowedAt ? new Date(p.remindAllowedAt).getTime() : 0;
  const waiting = allowedAt > now;
  const nobodyMissing = p.tally.missing.length === 0;
  return (
    <Card className="space-y-4">
      {canRemind && (
        <div className="space-y-1">
          <Button
            variant="secondary"
            disabled={waiting || nobodyMissing || remind.isPending}
            onClick={() => remind.mutate(undefined)}
          >
            {t('deliberation.proposal.remind')}
          </Button>
          {waiting && (
            <p className="text-xs text-slate-500" data-testid="remind-wait">
              {remind.isSuccess && `${t('deliberation.proposal.remindSent')} `}
              {t('deliberation.proposal.remindWait', {
                time: timeLeft(p.remindAllowedAt!, now),
              })}
            </p>
          )}
          {remind.error && <ErrorNote>{remind.error.message}</ErrorNote>}
        </div>
      )}
      {canExtend && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            const at = new Date(closesAt);
            if (!Number.isNaN(at.getTime())) extend.mutate(at.toISOString());
          }}
        >
          <h2 className="font-semibold">{t('deliberation.proposal.extendTitle')}</h2>
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1 basis-56">
              <Field label={t('deliberation.proposal.extendLabel')}>
                {(f) => (
                  <Input
                    {...f}
                    type="datetime-local"
                    name="closesAt"
                    value={closesAt}
                    min={toLocalInput(p.closesAt, 0)}
                    onChange={(e) => setClosesAt(e.target.value)}
                  />
                )}
              </Field>
            </div>
            <Button type="submit" disabled={extend.isPending}>
              {t('deliberation.proposal.extendSave')}
            </Button>
          </div>
          {extend.error && <ErrorNote>{extend.error.message}</ErrorNote>}
        </form>
      )}
    </Card>
  );
}

/** `closesAt` plus `hours`, as a `datetime-local` value in the reader's time zone. */
function toLocalInput(iso: string, hours: number): string {
  const d = new Date(new Date(iso).getTime() + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
