import type { PartnerDto as Partner } from '@coalesce/shared';
import type { FieldErrors } from '../../../components/ui/form';
import { Field, Input, Select } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { PartnerFields } from '../../partners/components/PartnerFields';

export type CandidateMode = 'new' | 'existing';

/** Who is proposed: a new organisation (with an optional contact) or a known partner. */
export function CandidateFieldset({
  mode,
  onMode,
  eligible,
  errors,
}: {
  mode: CandidateMode;
  onMode(mode: CandidateMode): void;
  eligible: Partner[];
  errors: FieldErrors;
}) {
  const { t, tx } = useI18n();
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 font-semibold">{t('proposals.candidate')}</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        {(['new', 'existing'] as const).map((m) => (
          <label key={m} className="flex items-center gap-2">
            <input type="radio" checked={mode === m} onChange={() => onMode(m)} />{' '}
            {m === 'new' ? t('proposals.newCandidate') : t('proposals.existingCandidate')}
          </label>
        ))}
      </div>
      {mode === 'new' ? (
        <>
          <PartnerFields errors={errors} prefix="candidate." />
          <Field
            label={t('coalition.preview.contactEmail')}
            hint={t('coalition.preview.contactHint')}
            error={errors['candidate.contactEmail']}
          >
            {(p) => <Input {...p} name="candidate.contactEmail" type="email" />}
          </Field>
        </>
      ) : (
        <Field label={t('proposals.pickCandidate')} error={errors.candidatePartnerId}>
          {(p) => (
            <Select {...p} name="candidatePartnerId">
              {eligible.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name} ({tx(`partners.statuses.${x.status}`)})
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
    </fieldset>
  );
}
