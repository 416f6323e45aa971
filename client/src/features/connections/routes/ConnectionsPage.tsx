import {
  canProposeConnections,
  type ConnectionDto,
  respondingSide,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { useOutletContext } from 'react-router';
import { serverFieldErrors } from '../../../components/ui/form';
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
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { usePartners } from '../../partners/api';
import { useConnectionMutations, useConnections } from '../api';
import { capacityOf } from '../../workspaces/capacity';

function ConnectionItem({
  c,
  names,
  ws,
}: {
  c: ConnectionDto;
  names: Map<string, string>;
  ws: WorkspaceDto;
}) {
  const { t, tx } = useI18n();
  const { respond } = useConnectionMutations(ws.id);
  const [note, setNote] = useState('');
  const mySide = respondingSide(capacityOf(ws), c) !== null;
  const answered = c.responses.some((r) => r.partnerId === ws.myPartnerId);
  return (
    <li
      className="rounded-md bg-white p-3 shadow-sm ring-1 ring-slate-200"
      data-testid="connection"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">
          {names.get(c.fromPartnerId) ?? '…'} ↔ {names.get(c.toPartnerId) ?? '…'}
        </p>
        <Badge
          tone={c.status === 'accepted' ? 'brand' : c.status === 'declined' ? 'rose' : 'amber'}
        >
          {tx(`connections.statuses.${c.status}`)}
        </Badge>
      </div>
      <p className="mt-1 whitespace-pre-line text-sm text-slate-600">{c.reason}</p>
      {c.responses.length > 0 && (
        <ul className="mt-2 text-xs text-slate-500">
          {c.responses.map((r) => (
            <li key={r.partnerId}>
              {t('connections.responded', {
                partner: names.get(r.partnerId) ?? '…',
                answer: r.accept ? t('connections.accepted') : t('connections.declined'),
              })}
              {r.note && ` — “${r.note}”`}
            </li>
          ))}
        </ul>
      )}
      {c.status === 'proposed' && mySide && !answered && (
        <div className="mt-3 flex flex-wrap items-end gap-2">
          <Input
            className="max-w-sm flex-1"
            aria-label={t('connections.note')}
            placeholder={t('connections.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button
            size="sm"
            onClick={() => respond.mutate({ id: c.id, accept: true, ...(note ? { note } : {}) })}
          >
            {t('connections.accept')}
          </Button>
          <Button
            size="sm"
            variant="danger"
            onClick={() => respond.mutate({ id: c.id, accept: false, ...(note ? { note } : {}) })}
          >
            {t('connections.decline')}
          </Button>
          {respond.isError && <ErrorNote>{respond.error.message}</ErrorNote>}
        </div>
      )}
    </li>
  );
}

/** The broker's act: propose a tie; each side answers in its own time. */
export function ConnectionsPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const me = useMe();
  const list = useConnections(ws.id);
  const partners = usePartners(ws.id, { status: 'active' });
  const { propose } = useConnectionMutations(ws.id);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const errors = serverFieldErrors(propose.error);
  const items = list.data?.items ?? [];
  const inbox = items.filter(
    (c) =>
      c.status === 'proposed' &&
      respondingSide(capacityOf(ws), c) !== null &&
      !c.responses.some((r) => r.partnerId === ws.myPartnerId),
  );
  const mine = items.filter((c) => c.proposedBy === me.data?.id);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate(
      { fromPartnerId: from, toPartnerId: to, reason },
      { onSuccess: () => setReason('') },
    );
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-5">
        <h1 className="text-2xl font-semibold">{t('connections.title')}</h1>
        {list.isPending && <Spinner label={t('app.loading')} />}
        {inbox.length > 0 && (
          <section className="space-y-2">
            <h2 className="font-semibold">{t('connections.inbox')}</h2>
            <ul className="space-y-2" data-testid="inbox">
              {inbox.map((c) => (
                <ConnectionItem key={c.id} c={c} names={names} ws={ws} />
              ))}
            </ul>
          </section>
        )}
        {mine.length > 0 && (
          <section className="space-y-2">
            <h2 className="font-semibold">{t('connections.mine')}</h2>
            <ul className="space-y-2">
              {mine.map((c) => (
                <ConnectionItem key={c.id} c={c} names={names} ws={ws} />
              ))}
            </ul>
          </section>
        )}
        <section className="space-y-2">
          <h2 className="font-semibold">{t('connections.all')}</h2>
          {items.length === 0 ? (
            <p className="text-sm text-slate-500">{t('connections.empty')}</p>
          ) : (
            <ul className="space-y-2">
              {items.map((c) => (
                <ConnectionItem key={c.id} c={c} names={names} ws={ws} />
              ))}
            </ul>
          )}
        </section>
      </div>
      <Card>
        <h2 className="mb-2 font-semibold">{t('connections.propose')}</h2>
        {canProposeConnections(capacityOf(ws)) ? (
          <form noValidate onSubmit={onSubmit} className="space-y-3">
            {(['from', 'to'] as const).map((side) => (
              <Field key={side} label={t(`connections.${side}`)} error={errors[`${side}PartnerId`]}>
                {(p) => (
                  <Select
                    {...p}
                    value={side === 'from' ? from : to}
                    onChange={(e) => (side === 'from' ? setFrom : setTo)(e.target.value)}
                  >
                    <option value="">—</option>
                    {(partners.data?.items ?? []).map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ))}
            <Field label={t('connections.reason')} error={errors.reason}>
              {(p) => (
                <Textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />
              )}
            </Field>
            {propose.isError && !Object.keys(errors).length && (
              <ErrorNote>{propose.error.message}</ErrorNote>
            )}
            <Button type="submit" disabled={propose.isPending}>
              {t('connections.submit')}
            </Button>
          </form>
        ) : (
          <p className="text-sm text-slate-500">{t('connections.brokersOnly')}</p>
        )}
      </Card>
    </div>
  );
}
