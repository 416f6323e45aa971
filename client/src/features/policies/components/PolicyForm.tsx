import { DECISION_RULES, ELECTORATES, type Policy, type Stage, type Tier } from '@coalesce/shared';
import { Button, ErrorNote, Field, Input, Select } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { usePolicyForm } from '../hooks/usePolicyForm';
import { DecidersField } from './DecidersField';
import { RuleInWords } from './RuleInWords';

export function PolicyForm(props: {
  wid: string;
  stage: Stage;
  tier: Tier;
  policy: Policy;
  readOnly: boolean;
}) {
  const { wid, stage, tier, readOnly } = props;
  const { t, tx } = useI18n();
  const partners = usePartners(wid, { status: 'active' });
  const { draft, set, body, errors, saved, submit, pending } = usePolicyForm(
    wid,
    stage,
    tier,
    props.policy,
  );
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const numbersOk = [body.votingHours, body.quorum, body.supportThreshold].every(Number.isFinite);
  const number = (field: 'votingHours' | 'quorum' | 'support' | 'consultationHours') => ({
    type: 'number',
    step: 'any',
    value: draft[field],
    onChange: (e: { target: { value: string } }) => set({ [field]: e.target.value }),
  });

  return (
    <form
      noValidate
      onSubmit={(e) => (e.preventDefault(), submit())}
      className="grid gap-3 sm:grid-cols-2"
      aria-label={`${tx(`partners.tiers.${tier}`)} — ${tx(`stages.${stage}.name`)}`}
    >
      <fieldset disabled={readOnly} className="contents">
        <Field label={t('policies.rule')} error={errors.rule}>
          {(p) => (
            <Select
              {...p}
              value={draft.rule}
              onChange={(e) => set({ rule: e.target.value as Policy['rule'] })}
            >
              {DECISION_RULES.map((r) => (
                <option key={r} value={r}>
                  {tx(`proposals.rules.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('policies.electorate')} error={errors.electorate}>
          {(p) => (
            <Select
              {...p}
              value={draft.electorate}
              onChange={(e) => set({ electorate: e.target.value as Policy['electorate'] })}
            >
              {ELECTORATES.map((x) => (
                <option key={x} value={x}>
                  {tx(`policies.electorates.${x}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          label={
            draft.rule === 'autonomous'
              ? t('coalition.policy.decideWithin')
              : t('policies.votingHours')
          }
          error={errors.votingHours}
        >
          {(p) => <Input {...p} {...number('votingHours')} />}
        </Field>
        {draft.rule === 'weighted' && (
          <>
            <Field label={t('coalition.policy.quorum')} error={errors.quorum}>
              {(p) => <Input {...p} {...number('quorum')} min={0} max={100} />}
            </Field>
            <Field label={t('coalition.policy.support')} error={errors.supportThreshold}>
              {(p) => <Input {...p} {...number('support')} min={0} max={99.9} />}
            </Field>
          </>
        )}
        {draft.rule === 'autonomous' && (
          <>
            <Field label={t('policies.consultationHours')} error={errors.consultationHours}>
              {(p) => <Input {...p} {...number('consultationHours')} />}
            </Field>
            <DecidersField
              partners={partners.data?.items ?? []}
              value={draft.deciders}
              onChange={(deciders) => set({ deciders })}
              error={errors.deciders}
            />
          </>
        )}
        {draft.rule === 'consensus' && (
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input
              type="checkbox"
              checked={draft.silenceIsConsent}
              onChange={(e) => set({ silenceIsConsent: e.target.checked })}
            />{' '}
            {t('policies.silenceIsConsent')}
          </label>
        )}
        {numbersOk && (
          <RuleInWords policy={body} deciderNames={body.deciders.map((d) => names.get(d) ?? '…')} />
        )}
        {!readOnly && (
          <div className="flex items-center gap-3 sm:col-span-2">
            <Button type="submit" disabled={pending}>
              {t('policies.save')}
            </Button>
            {saved && (
              <span className="text-sm text-emerald-700" role="status">
                {t('policies.saved')}
              </span>
            )}
            {errors._ && <ErrorNote>{errors._}</ErrorNote>}
          </div>
        )}
      </fieldset>
    </form>
  );
}
