import type { ExperimentDto } from '@coalesce/shared';
import { BARRIERS, EXPERIMENT_STATUSES } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import type { FieldErrors } from '../../../components/ui/form';
import { Button, ErrorNote, Field, Input, Select, Textarea } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { splitList, usePartners } from '../../partners/api';
import { usePrinciples } from '../../principles/api';

export function ExperimentForm({
  wid,
  initial,
  errors,
  pending,
  submitLabel,
  onSubmit,
}: {
  wid: string;
  initial?: ExperimentDto;
  errors: FieldErrors;
  pending: boolean;
  submitLabel: string;
  onSubmit(body: Record<string, unknown>): void;
}) {
  const { t, tx } = useI18n();
  const partners = usePartners(wid, { status: 'active' });
  const principles = usePrinciples(wid);
  const [involved, setInvolved] = useState<string[]>(initial?.partnerIds ?? []);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const v = (n: string) =>
      ((f.elements.namedItem(n) as HTMLInputElement | null)?.value ?? '').trim();
    const checked = (prefix: string, values: readonly string[]) =>
      values.filter(
        (x) => (f.elements.namedItem(`${prefix}:${x}`) as HTMLInputElement | null)?.checked,
      );
    onSubmit({
      title: v('title'),
      hypothesis: v('hypothesis'),
      description: v('description'),
      ...(initial ? {} : { status: v('status') || 'idea' }),
      partnerIds: involved,
      leadPartnerId: v('leadPartnerId') || null,
      targetGroups: splitList(v('targetGroups')),
      neededExpertise: splitList(v('neededExpertise')),
      barriers: checked('barrier', BARRIERS),
      principleIds: checked(
        'principle',
        (principles.data?.items ?? []).map((p) => p.id),
      ),
      startDate: v('startDate') || null,
      endDate: v('endDate') || null,
    });
  };

  const active = partners.data?.items ?? [];
  return (
    <form noValidate onSubmit={submit} className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field label={t('experiments.titleLabel')} error={errors.title}>
          {(p) => <Input {...p} name="title" defaultValue={initial?.title} />}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field label={t('experiments.hypothesis')} error={errors.hypothesis}>
          {(p) => (
            <Textarea
              {...p}
              name="hypothesis"
              defaultValue={initial?.hypothesis}
              className="min-h-16"
            />
          )}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field label={t('experiments.description')} error={errors.description}>
          {(p) => <Textarea {...p} name="description" defaultValue={initial?.description} />}
        </Field>
      </div>
      {!initial && (
        <Field label={t('experiments.status')} error={errors.status}>
          {(p) => (
            <Select {...p} name="status" defaultValue="idea">
              {EXPERIMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tx(`experiments.statuses.${s}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <fieldset className="sm:col-span-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">
          {t('experiments.partners')}
        </legend>
        <div className="grid gap-1 sm:grid-cols-3">
          {active.map((p) => (
            <label key={p.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={involved.includes(p.id)}
                onChange={(e) =>
                  setInvolved((xs) =>
                    e.target.checked ? [...xs, p.id] : xs.filter((x) => x !== p.id),
                  )
                }
              />
              {p.name}
            </label>
          ))}
        </div>
        {errors.partnerIds && (
          <p role="alert" className="text-sm text-rose-700">
            {errors.partnerIds}
          </p>
        )}
      </fieldset>
      <Field label={t('experiments.lead')} error={errors.leadPartnerId}>
        {(p) => (
          <Select {...p} name="leadPartnerId" defaultValue={initial?.leadPartnerId ?? ''}>
            <option value="">{t('experiments.noLead')}</option>
            {active
              .filter((x) => involved.includes(x.id))
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
          </Select>
        )}
      </Field>
      <Field
        label={t('experiments.targetGroups')}
        hint={t('partners.listHint')}
        error={errors.targetGroups}
      >
        {(p) => (
          <Input {...p} name="targetGroups" defaultValue={initial?.targetGroups.join(', ')} />
        )}
      </Field>
      <Field
        label={t('experiments.neededExpertise')}
        hint={t('partners.listHint')}
        error={errors.neededExpertise}
      >
        {(p) => (
          <Input {...p} name="neededExpertise" defaultValue={initial?.neededExpertise.join(', ')} />
        )}
      </Field>
      <Field label={t('experiments.startDate')} error={errors.startDate}>
        {(p) => (
          <Input {...p} type="date" name="startDate" defaultValue={initial?.startDate ?? ''} />
        )}
      </Field>
      <Field label={t('experiments.endDate')} error={errors.endDate}>
        {(p) => <Input {...p} type="date" name="endDate" defaultValue={initial?.endDate ?? ''} />}
      </Field>
      <fieldset className="sm:col-span-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">
          {t('experiments.barriers')}
        </legend>
        <div className="flex flex-wrap gap-3">
          {BARRIERS.map((b) => (
            <label key={b} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                name={`barrier:${b}`}
                defaultChecked={initial?.barriers.includes(b)}
              />
              {tx(`experiments.barrierNames.${b}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {(principles.data?.items.length ?? 0) > 0 && (
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">
            {t('experiments.principles')}
          </legend>
          {principles.data!.items.map((p, i) => (
            <label key={p.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={`principle:${p.id}`}
                defaultChecked={initial?.principleIds.includes(p.id)}
              />
              {i + 1}. {p.title}
            </label>
          ))}
        </fieldset>
      )}
      {errors._ && (
        <div className="sm:col-span-2">
          <ErrorNote>{errors._}</ErrorNote>
        </div>
      )}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
