import { createInvitationSchema, ROLES, type Role, type WorkspaceDto } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import type { PartnerDto as Partner } from '@coalesce/shared';
import { serverFieldErrors, validate, type FieldErrors } from '../../../components/ui/form';
import { Button, ErrorNote, Field, Input, Select } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useCreateInvitation } from '../api';
import { hoursFromDays, VALIDITY_DAYS } from '../validity';
import { PartnerOptions } from './PartnerOptions';

const EMPTY = {
  email: '',
  role: 'member' as Role,
  broker: false,
  partnerId: '',
  days: String(VALIDITY_DAYS.initial),
};

/** One invitation; the form empties after each so the next person starts clean. */
export function InvitationForm({
  ws,
  partners,
  onCreated,
}: {
  ws: WorkspaceDto;
  partners: Partner[];
  onCreated(token: string): void;
}) {
  const { t, tx } = useI18n();
  const create = useCreateInvitation(ws.id);
  const [v, setV] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<typeof EMPTY>) => setV((old) => ({ ...old, ...patch }));

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const hours = hoursFromDays(v.days);
    const values = {
      email: v.email.trim() || undefined,
      role: v.role,
      broker: v.broker,
      partnerId: v.partnerId || undefined,
      expiresInHours: hours ?? undefined,
    };
    const r = validate(createInvitationSchema, values, tx);
    // Days are checked here: the schema speaks of hours, which the form does not show.
    const daysError: FieldErrors =
      hours === null
        ? { expiresInHours: t('invitations.validDaysRange', { ...VALIDITY_DAYS }) }
        : {};
    if (!r.ok || hours === null) return setErrors({ ...(r.ok ? {} : r.errors), ...daysError });
    setErrors({});
    create.mutate(r.data, {
      onSuccess: (inv) => {
        setV(EMPTY);
        onCreated(inv.token);
      },
      onError: (err) => {
        const fe = serverFieldErrors(err);
        setErrors(Object.keys(fe).length ? fe : { _: err.message });
      },
    });
  };

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      className="grid gap-3 sm:grid-cols-2"
      aria-label={t('invitations.create')}
    >
      <div className="sm:col-span-2">
        <Field label={t('invitations.email')} error={errors.email}>
          {(p) => (
            <Input
              {...p}
              type="email"
              value={v.email}
              onChange={(e) => set({ email: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label={t('invitations.role')} error={errors.role}>
        {(p) => (
          <Select
            {...p}
            value={v.role}
            // An observer cannot be a broker: clear the flag rather than let the server refuse.
            onChange={(e) => {
              const role = e.target.value as Role;
              set(role === 'observer' ? { role, broker: false } : { role });
            }}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tx(`roles.${r}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('coalition.invite.partner')} error={errors.partnerId}>
        {(p) => (
          <Select {...p} value={v.partnerId} onChange={(e) => set({ partnerId: e.target.value })}>
            <PartnerOptions partners={partners} />
          </Select>
        )}
      </Field>
      <Field label={t('invitations.validDays')} error={errors.expiresInHours}>
        {(p) => (
          <Input
            {...p}
            type="number"
            inputMode="numeric"
            min={VALIDITY_DAYS.min}
            max={VALIDITY_DAYS.max}
            step={1}
            value={v.days}
            onChange={(e) => set({ days: e.target.value })}
          />
        )}
      </Field>
      <div className="flex flex-col justify-end gap-1">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={v.broker}
            disabled={v.role === 'observer'}
            onChange={(e) => set({ broker: e.target.checked })}
          />{' '}
          {t('invitations.broker')}
        </label>
        {v.role === 'observer' && (
          <p className="text-xs text-slate-500">{t('coalition.invite.observerNoBroker')}</p>
        )}
        {errors.broker && (
          <p role="alert" className="text-sm text-rose-700">
            {errors.broker}
          </p>
        )}
      </div>
      {errors._ && (
        <div className="sm:col-span-2">
          <ErrorNote>{errors._}</ErrorNote>
        </div>
      )}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          {t('invitations.submit')}
        </Button>
      </div>
    </form>
  );
}
