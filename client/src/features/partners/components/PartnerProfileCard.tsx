import type { PartnerDto } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { serverFieldErrors, type FieldErrors } from '../../../components/ui/form';
import { Button, Card, ErrorNote } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useUpdatePartner } from '../api';
import { PartnerFields, readPartnerFields } from './PartnerFields';

/** Why the partner takes part and what it brings; its editors switch the card to a form. */
export function PartnerProfileCard({
  wid,
  partner: p,
  canEdit,
}: {
  wid: string;
  partner: PartnerDto;
  canEdit: boolean;
}) {
  const { t, tx } = useI18n();
  const update = useUpdatePartner(wid, p.id);
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    update.mutate(readPartnerFields(e.currentTarget), {
      onSuccess: () => {
        setEditing(false);
        setErrors({});
      },
      onError: (err) => setErrors(serverFieldErrors(err)),
    });
  };

  if (editing) {
    return (
      <Card>
        <form noValidate onSubmit={onSubmit} className="space-y-4">
          <PartnerFields errors={errors} initial={p} />
          {errors._ && <ErrorNote>{errors._}</ErrorNote>}
          <div className="flex gap-2">
            <Button type="submit" disabled={update.isPending}>
              {t('partners.save')}
            </Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              {t('workspaces.cancel')}
            </Button>
          </div>
        </form>
      </Card>
    );
  }
  return (
    <Card className="space-y-4">
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">{t('partners.motivations')}</h2>
        {canEdit && (
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            {t('partners.edit')}
          </Button>
        )}
      </div>
      <ul className="list-disc pl-5 text-sm">
        {p.motivations.map((m) => (
          <li key={m}>{tx(`partners.motivationNames.${m}`)}</li>
        ))}
      </ul>
      <h2 className="font-semibold">{t('partners.contributions')}</h2>
      <dl className="grid gap-2 text-sm sm:grid-cols-3">
        {(['expertise', 'targetGroups', 'resources'] as const).map((k) => (
          <div key={k}>
            <dt className="text-xs font-medium uppercase text-slate-500">{t(`partners.${k}`)}</dt>
            <dd>{p.contributions[k].join(', ') || '—'}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
