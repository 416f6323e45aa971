import type { WorkspaceDto } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import type { PartnerDto as Partner } from '@coalesce/shared';
import { serverFieldErrors } from '../../../components/ui/form';
import { Button, Card, ErrorNote, Field, Select, Textarea } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useConnectionMutations } from '../api';

/** The broker's act: propose a tie between two active partners. */
export function ProposeConnectionForm({ ws, partners }: { ws: WorkspaceDto; partners: Partner[] }) {
  const { t } = useI18n();
  const { propose } = useConnectionMutations(ws.id);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const errors = serverFieldErrors(propose.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate(
      { fromPartnerId: from, toPartnerId: to, reason },
      { onSuccess: () => setReason('') },
    );
  };

  return (
    <Card>
      <h2 className="mb-2 font-semibold">{t('connections.propose')}</h2>
      {ws.myBroker ? (
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
                  {partners.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ))}
          <Field label={t('connections.reason')} error={errors.reason}>
            {(p) => <Textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
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
  );
}
