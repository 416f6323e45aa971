import type { PartnerDto } from '@coalesce/shared';
import { ACTOR_TYPES, MOTIVATIONS, PARTNER_KINDS, TIERS } from '@coalesce/shared';
import type { FieldErrors } from '../../../components/ui/form';
import { Field, Input, Select, Textarea } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { splitList } from '../api';

/** Reads the fields below back into the contract's partner shape (`prefix` nests them). */
export function readPartnerFields(form: HTMLFormElement, prefix = ''): Record<string, unknown> {
  const get = (n: string) =>
    (form.elements.namedItem(prefix + n) as HTMLInputElement | null)?.value ?? '';
  const motivations = MOTIVATIONS.filter(
    (m) =>
      (form.elements.namedItem(`${prefix}motivation:${m}`) as HTMLInputElement | null)?.checked,
  );
  const out: Record<string, unknown> = {
    kind: get('kind') || undefined,
    name: get('name').trim() || undefined,
    actorType: get('actorType') || undefined,
    motivations,
    contributions: {
      expertise: splitList(get('expertise')),
      targetGroups: splitList(get('targetGroups')),
      resources: splitList(get('resources')),
    },
  };
  const description = get('description').trim();
  if (description) out.description = description;
  const website = get('website').trim();
  if (website) out.website = website;
  return out;
}

/**
 * The profile of a partner (organisation or individual): what they are, why they join and what
 * they bring — the fields the source material asks to record for every partner.
 */
export function PartnerFields({
  errors,
  prefix = '',
  initial,
  showTier = false,
}: {
  errors: FieldErrors;
  prefix?: string;
  initial?: Partial<PartnerDto>;
  showTier?: boolean;
}) {
  const { t, tx } = useI18n();
  const e = (k: string) =>
    errors[`${prefix.replace(/\.$/, '')}${prefix ? '.' : ''}${k}`] ?? errors[k];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label={t('partners.name')} error={e('name')}>
        {(p) => <Input {...p} name={`${prefix}name`} defaultValue={initial?.name} />}
      </Field>
      <Field label={t('partners.kind')} error={e('kind')}>
        {(p) => (
          <Select {...p} name={`${prefix}kind`} defaultValue={initial?.kind ?? 'organisation'}>
            {PARTNER_KINDS.map((k) => (
              <option key={k} value={k}>
                {tx(`partners.kinds.${k}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('partners.actorType')} error={e('actorType')}>
        {(p) => (
          <Select {...p} name={`${prefix}actorType`} defaultValue={initial?.actorType ?? 'other'}>
            {ACTOR_TYPES.map((a) => (
              <option key={a} value={a}>
                {tx(`partners.actorTypes.${a}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {showTier && (
        <Field label={t('partners.tier')} error={e('tier')}>
          {(p) => (
            <Select {...p} name={`${prefix}tier`} defaultValue={initial?.tier ?? 'broad'}>
              {TIERS.map((x) => (
                <option key={x} value={x}>
                  {tx(`partners.tiers.${x}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <fieldset className="sm:col-span-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">
          {t('partners.motivations')}
        </legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {MOTIVATIONS.map((m) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={`${prefix}motivation:${m}`}
                defaultChecked={initial?.motivations?.includes(m)}
              />
              {tx(`partners.motivationNames.${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {(['expertise', 'targetGroups', 'resources'] as const).map((k) => (
        <Field
          key={k}
          label={t(`partners.${k}`)}
          hint={t('partners.listHint')}
          error={e(`contributions.${k}`)}
        >
          {(p) => (
            <Input
              {...p}
              name={`${prefix}${k}`}
              defaultValue={initial?.contributions?.[k]?.join(', ')}
            />
          )}
        </Field>
      ))}
      <div className="sm:col-span-2">
        <Field label={t('partners.description')} error={e('description')}>
          {(p) => (
            <Textarea
              {...p}
              name={`${prefix}description`}
              defaultValue={initial?.description ?? ''}
            />
          )}
        </Field>
      </div>
    </div>
  );
}
