import type { WorkspaceDto } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import type { PartnerDto as Partner } from '@coalesce/shared';
import { serverFieldErrors } from '../../../components/ui/form';
import { Button, ErrorNote, Field, Input, Select } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useCreateInvitation } from '../../invitations/api';
import { useMembers, useUpdateMember } from '../../members/api';
import { usePartners } from '../api';

/** Two ways to give a partner a voice: link an existing member, or invite someone new. */
export function AddRepresentative({ ws, partner }: { ws: WorkspaceDto; partner: Partner }) {
  const { t } = useI18n();
  const members = useMembers(ws.id);
  const partners = usePartners(ws.id);
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const update = useUpdateMember(ws.id);
  const invite = useCreateInvitation(ws.id);
  const [userId, setUserId] = useState('');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const candidates = (members.data?.items ?? []).filter(
    (m) => m.partnerId !== partner.id && m.role !== 'observer',
  );

  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    if (userId)
      update.mutate({ userId, partnerId: partner.id }, { onSuccess: () => setUserId('') });
  };
  const onInvite = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate(
      { email: email.trim(), role: 'member', partnerId: partner.id },
      {
        onSuccess: () => {
          setSent(email.trim());
          setEmail('');
        },
      },
    );
  };

  return (
    <div className="space-y-4 border-t border-slate-100 pt-3">
      <form onSubmit={onAdd} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="sm:flex-1">
          <Field label={t('coalition.reps.addMember')} error={update.error?.message}>
            {(p) => (
              <Select {...p} value={userId} onChange={(e) => setUserId(e.target.value)}>
                <option value="">{t('coalition.reps.pick')}</option>
                {candidates.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.partnerId
                      ? t('coalition.reps.nowRepresents', {
                          name: m.displayName,
                          partner: names.get(m.partnerId) ?? '…',
                        })
                      : m.displayName}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <Button
          type="submit"
          variant="secondary"
          className="self-start sm:self-auto"
          disabled={!userId || update.isPending}
        >
          {t('coalition.reps.add')}
        </Button>
      </form>
      <form noValidate onSubmit={onInvite} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="sm:flex-1">
          <Field
            label={t('coalition.reps.inviteTitle')}
            error={serverFieldErrors(invite.error).email}
          >
            {(p) => (
              <Input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
        </div>
        <Button
          type="submit"
          variant="secondary"
          className="self-start sm:self-auto"
          disabled={!email.trim() || invite.isPending}
        >
          {t('coalition.reps.invite')}
        </Button>
      </form>
      {invite.isError && !serverFieldErrors(invite.error).email && (
        <ErrorNote>{invite.error.message}</ErrorNote>
      )}
      {sent && (
        <p role="status" className="rounded-md bg-brand-50 p-3 text-sm ring-1 ring-brand-100">
          {t('coalition.reps.invited', { email: sent })}
        </p>
      )}
    </div>
  );
}
