import { useState, type FormEvent } from 'react';
import { serverFieldErrors, type FieldErrors } from '../../../components/ui/form';
import { Button, Card, ErrorNote } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useCreatePartner } from '../api';
import { PartnerFields, readPartnerFields } from './PartnerFields';

/** The add-a-partner form; closes itself once the partner is saved. */
export function AddPartnerCard({ wid, onClose }: { wid: string; onClose(): void }) {
  const { t } = useI18n();
  const create = useCreatePartner(wid);
  const [errors, setErrors] = useState<FieldErrors>({});

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = {
      ...readPartnerFields(form),
      tier: (form.elements.namedItem('tier') as HTMLSelectElement).value,
    };
    create.mutate(body, {
      onSuccess: () => {
        setErrors({});
        onClose();
      },
      onError: (err) => setErrors(serverFieldErrors(err)),
    });
  };

  return (
    <Card>
      <h2 className="text-lg font-semibold">{t('partners.addTitle')}</h2>
      <p className="mb-3 text-sm text-slate-600">{t('partners.addHint')}</p>
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <PartnerFields errors={errors} showTier />
        {errors._ && <ErrorNote>{errors._}</ErrorNote>}
        <div className="flex gap-2">
          <Button type="submit" disabled={create.isPending}>
            {t('partners.add')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('workspaces.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
