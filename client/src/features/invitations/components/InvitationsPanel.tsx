import { createInvitationSchema, ROLES, type WorkspaceDto } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import {
  formValues,
  serverFieldErrors,
  validate,
  type FieldErrors,
} from '../../../components/ui/form';
import { Button, Card, Field, Input, Select } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useCreateInvitation, useInvitations, useRevokeInvitation } from '../api';

export function InvitationsPanel({ ws }: { ws: WorkspaceDto }) {
  const { t, tx } = useI18n();
  const list = useInvitations(ws.id);
  const create = useCreateInvitation(ws.id);
  const revoke = useRevokeInvitation(ws.id);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const raw = formValues(e.currentTarget);
    const values = {
      ...raw,
      expiresInHours: raw.expiresInHours ? Number(raw.expiresInHours) : undefined,
    };
    const v = validate(createInvitationSchema, values, tx);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setCopied(false);
    create.mutate(v.data, {
      onSuccess: (inv) => setLink(`${window.location.origin}/invite/${inv.token}`),
      onError: (err) => setErrors(serverFieldErrors(err)),
    });
  };

  const fmt = useDateFormat();
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t('invitations.title')}</h2>
      <form
        noValidate
        onSubmit={onSubmit}
        className="grid gap-3 sm:grid-cols-2"
        aria-label={t('invitations.create')}
      >
        <div className="sm:col-span-2">
          <Field label={t('invitations.email')} error={errors.email}>
            {(p) => <Input {...p} name="email" type="email" />}
          </Field>
        </div>
        <Field label={t('invitations.role')} error={errors.role}>
          {(p) => (
            <Select {...p} name="role" defaultValue="member">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tx(`roles.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('invitations.expiresInHours')} error={errors.expiresInHours}>
          {(p) => <Input {...p} name="expiresInHours" type="number" min={1} defaultValue={168} />}
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="broker" /> {t('invitations.broker')}
        </label>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            {t('invitations.submit')}
          </Button>
        </div>
      </form>
      {link && (
        <div className="mt-4 rounded-md bg-brand-50 p-3 ring-1 ring-brand-100">
          <p className="text-sm font-medium">{t('invitations.link')}</p>
          <div className="mt-1 flex gap-2">
            <Input
              readOnly
              value={link}
              data-testid="invitation-link"
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button
              variant="secondary"
              onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}
            >
              {copied ? t('invitations.copied') : t('invitations.copy')}
            </Button>
          </div>
        </div>
      )}
      <h3 className="mt-5 mb-2 text-sm font-semibold text-slate-700">{t('invitations.pending')}</h3>
      {list.data && list.data.items.length === 0 && (
        <p className="text-sm text-slate-500">{t('invitations.none')}</p>
      )}
      <ul className="divide-y divide-slate-100">
        {list.data?.items.map((inv) => (
          <li key={inv.id} className="flex items-center justify-between gap-2 py-2 text-sm">
            <span className="min-w-0 truncate">
              {inv.email ?? t('invitations.anyone')} · {tx(`roles.${inv.role}`)} ·{' '}
              {t('invitations.expires', { date: fmt.format(new Date(inv.expiresAt)) })}
            </span>
            <Button variant="ghost" size="sm" onClick={() => revoke.mutate(inv.id)}>
              {t('invitations.revoke')}
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
