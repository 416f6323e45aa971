import type { PartnerDto } from '@coalesce/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, ErrorNote, Field, Select } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useDelegation, usePartners } from '../api';

/**
 * Who votes for this partner when it does not vote itself. Everyone sees the delegation; its
 * representatives and coordinators (`canEdit`) choose or end it.
 */
export function DelegationCard({
  wid,
  partner,
  canEdit,
}: {
  wid: string;
  partner: PartnerDto;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const all = usePartners(wid);
  const { set, revoke } = useDelegation(wid, partner.id);
  const current = partner.delegation?.toPartnerId ?? '';
  const [choice, setChoice] = useState(current);
  const partners = all.data?.items ?? [];
  const others = partners.filter((p) => p.id !== partner.id && p.status === 'active');
  const toName = partners.find((p) => p.id === current)?.name ?? '…';
  const error = set.error ?? revoke.error;
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('deliberation.delegation.title')}</h2>
      <p className="text-sm text-slate-700" data-testid="delegation-status">
        {current
          ? renderCurrent(
              t('deliberation.delegation.current', { partner: partner.name, to: '\u0000' }),
              <Link
                className="font-medium text-brand-700 hover:underline"
                to={`/w/${wid}/partners/${current}`}
              >
                {toName}
              </Link>,
            )
          : t('deliberation.delegation.none')}
      </p>
      {canEdit && partner.status === 'active' && (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) set.mutate(choice);
          }}
        >
          <p className="text-xs text-slate-500">{t('deliberation.delegation.explain')}</p>
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1 basis-56">
              <Field label={t('deliberation.delegation.choose')}>
                {(f) => (
                  <Select
                    {...f}
                    name="toPartnerId"
                    value={choice}
                    onChange={(e) => setChoice(e.target.value)}
                  >
                    <option value="">{t('deliberation.delegation.pick')}</option>
                    {others.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            <Button type="submit" disabled={!choice || choice === current || set.isPending}>
              {t('deliberation.delegation.save')}
            </Button>
            {current && (
              <Button
                variant="secondary"
                disabled={revoke.isPending}
                onClick={() =>
                  revoke.mutate(undefined, {
                    onSuccess: () => setChoice(''),
                  })
                }
              >
                {t('deliberation.delegation.revoke')}
              </Button>
            )}
          </div>
          {error && <ErrorNote>{error.message}</ErrorNote>}
        </form>
      )}
    </Card>
  );
}

/** The sentence with the delegate's name as a link where the `\0` placeholder stands. */
function renderCurrent(sentence: string, link: React.ReactNode): React.ReactNode {
  const [before, after] = sentence.split('\u0000');
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}
