import { useState } from 'react';
import type { PartnerDto as Partner } from '@coalesce/shared';
import { serverFieldErrors } from '../../../components/ui/form';
import { Button, Card, Field, Input } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useLeavePartner } from '../api';

/** A partner leaves the network, with a reason that goes into its history. */
export function LeavePartnerCard({ wid, partner }: { wid: string; partner: Partner }) {
  const { t } = useI18n();
  const leave = useLeavePartner(wid, partner.id);
  const [reason, setReason] = useState('');
  return (
    <Card>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          leave.mutate(reason);
        }}
      >
        <div className="min-w-0 flex-1 basis-56">
          <Field label={t('partners.leaveReason')} error={serverFieldErrors(leave.error).reason}>
            {(f) => <Input {...f} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </div>
        <Button variant="danger" type="submit" disabled={leave.isPending}>
          {t('partners.leave')}
        </Button>
      </form>
    </Card>
  );
}
