import { serverFieldErrors } from '../../../components/ui/form';
import { Button, Card, ErrorNote, Field, Input, Textarea } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePrincipleForm } from '../hooks/usePrincipleForm';

export function AddPrincipleForm({ wid }: { wid: string }) {
  const { t } = useI18n();
  const { title, setTitle, description, setDescription, onSubmit, create } = usePrincipleForm(wid);
  const errors = serverFieldErrors(create.error);
  return (
    <Card>
      <form noValidate onSubmit={onSubmit} className="space-y-3">
        <Field label={t('principles.titleLabel')} error={errors.title}>
          {(f) => <Input {...f} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t('principles.description')} error={errors.description}>
          {(f) => (
            <Textarea {...f} value={description} onChange={(e) => setDescription(e.target.value)} />
          )}
        </Field>
        {create.isError && !Object.keys(errors).length && (
          <ErrorNote>{create.error.message}</ErrorNote>
        )}
        <Button type="submit" disabled={create.isPending}>
          {t('principles.add')}
        </Button>
      </form>
    </Card>
  );
}
