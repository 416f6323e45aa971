import type { WorkspaceDto } from '@coalesce/shared';
import { useState } from 'react';
import type { ConnectionDto as Connection } from '@coalesce/shared';
import { Badge, Button, ErrorNote, Input } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { describeReason } from '../../network/describe';
import { useConnectionMutations } from '../api';

const TONES = { accepted: 'brand', declined: 'rose', expired: 'slate', proposed: 'amber' } as const;

/** One proposed tie: both sides, the broker's reason, the answers so far, and the reader's turn. */
export function ConnectionItem({
  c,
  ws,
  names,
  sides,
  mine,
}: {
  c: Connection;
  ws: WorkspaceDto;
  names: Map<string, string>;
  /** The sides the reader may answer now (see `answerableSides`). */
  sides: { partnerId: string; onBehalf: boolean }[];
  mine: boolean;
}) {
  const { t, tx, locale } = useI18n();
  const { respond } = useConnectionMutations(ws.id);
  const [note, setNote] = useState('');
  const name = (id: string) => names.get(id) ?? '…';
  // A reason taken from a suggestion is stored as its code: phrased here for this reader.
  const generated =
    c.reasonCode &&
    describeReason(
      c.reasonCode,
      c.reasonParams ?? {},
      c.fromPartnerId,
      c.toPartnerId,
      names,
      tx,
      locale,
    );
  const answer = (partnerId: string, onBehalf: boolean, accept: boolean) =>
    respond.mutate({
      id: c.id,
      accept,
      ...(note ? { note } : {}),
      ...(onBehalf ? { partnerId } : {}),
    });

  return (
    <li
      className="rounded-md bg-white p-3 shadow-sm ring-1 ring-slate-200"
      data-testid="connection"
      aria-label={`${name(c.fromPartnerId)} ↔ ${name(c.toPartnerId)}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">
          {name(c.fromPartnerId)} ↔ {name(c.toPartnerId)}
        </p>
        <div className="flex items-center gap-2">
          {mine && (
            <span className="text-xs text-slate-500">
              {t('coalition.connections.proposedByYou')}
            </span>
          )}
          <Badge tone={TONES[c.status]}>{tx(`connections.statuses.${c.status}`)}</Badge>
        </div>
      </div>
      {generated && <p className="mt-1 text-sm text-slate-600">{generated}</p>}
      {c.reason && <p className="mt-1 whitespace-pre-line text-sm text-slate-600">{c.reason}</p>}
      {c.status === 'expired' && (
        <p className="mt-1 text-sm text-slate-500">{t('coalition.connections.expired')}</p>
      )}
      {c.responses.length > 0 && (
        <ul className="mt-2 text-xs text-slate-500">
          {c.responses.map((r) => (
            <li key={r.partnerId}>
              {t('connections.responded', {
                partner: name(r.partnerId),
                answer: r.accept ? t('connections.accepted') : t('connections.declined'),
              })}
              {r.onBehalf && ` ${t('coalition.connections.byCoordinator')}`}
              {r.note && ` — “${r.note}”`}
            </li>
          ))}
        </ul>
      )}
      {sides.length > 0 && (
        <div className="mt-3 space-y-2">
          <Input
            className="max-w-sm"
            aria-label={t('connections.note')}
            placeholder={t('connections.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {sides.map(({ partnerId, onBehalf }) => (
            <div key={partnerId} className="flex flex-wrap items-center gap-2">
              {onBehalf && (
                <p className="w-full text-sm text-slate-600">
                  {t('coalition.connections.onBehalf', { partner: name(partnerId) })}
                </p>
              )}
              <Button
                size="sm"
                disabled={respond.isPending}
                onClick={() => answer(partnerId, onBehalf, true)}
              >
                {onBehalf
                  ? t('coalition.connections.acceptFor', { partner: name(partnerId) })
                  : t('connections.accept')}
              </Button>
              <Button
                size="sm"
                variant="danger"
                disabled={respond.isPending}
                onClick={() => answer(partnerId, onBehalf, false)}
              >
                {onBehalf
                  ? t('coalition.connections.declineFor', { partner: name(partnerId) })
                  : t('connections.decline')}
              </Button>
            </div>
          ))}
          {respond.isError && <ErrorNote>{respond.error.message}</ErrorNote>}
        </div>
      )}
    </li>
  );
}
