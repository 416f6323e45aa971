import {
  canSetPolicies,
  DECISION_RULES,
  ELECTORATES,
  type Policy,
  policyPutSchema,
  type Stage,
  STAGES,
  type Tier,
  TIERS,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { useOutletContext } from 'react-router';
import { serverFieldErrors, validate, type FieldErrors } from '../../../components/ui/form';
import {
  Badge,
  Button,
  Card,
  ErrorNote,
  Field,
  Input,
  Select,
  Spinner,
} from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { usePolicies, usePutPolicy } from '../api';
import { capacityOf } from '../../workspaces/capacity';

function PolicyForm({
  wid,
  stage,
  tier,
  policy,
  readOnly,
}: {
  wid: string;
  stage: Stage;
  tier: Tier;
  policy: Policy;
  readOnly: boolean;
}) {
  const { t, tx } = useI18n();
  const put = usePutPolicy(wid);
  const partners = usePartners(wid, { status: 'active' });
  const [rule, setRule] = useState(policy.rule);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const v = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value;
    const deciders = Array.from(
      (f.elements.namedItem('deciders') as HTMLSelectElement | null)?.selectedOptions ?? [],
    ).map((o) => o.value);
    const body = {
      stage,
      rule,
      electorate: v('electorate'),
      votingHours: Number(v('votingHours')),
      quorum: Number(v('quorum')),
      supportThreshold: Number(v('supportThreshold')),
      silenceIsConsent: (f.elements.namedItem('silenceIsConsent') as HTMLInputElement).checked,
      consultationHours: Number(v('consultationHours')),
      deciders,
    };
    const r = validate(policyPutSchema, body, tx);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    put.mutate(
      { tier, ...r.data },
      { onSuccess: () => setSaved(true), onError: (err) => setErrors(serverFieldErrors(err)) },
    );
  };

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      onChange={() => setSaved(false)}
      className="grid gap-3 sm:grid-cols-2"
      aria-label={`${tx(`partners.tiers.${tier}`)} — ${tx(`stages.${stage}.name`)}`}
    >
      <fieldset disabled={readOnly} className="contents">
        <Field label={t('policies.rule')} error={errors.rule}>
          {(p) => (
            <Select {...p} value={rule} onChange={(e) => setRule(e.target.value as Policy['rule'])}>
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
            <Select {...p} name="electorate" defaultValue={policy.electorate}>
              {ELECTORATES.map((x) => (
                <option key={x} value={x}>
                  {tx(`policies.electorates.${x}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('policies.votingHours')} error={errors.votingHours}>
          {(p) => (
            <Input
              {...p}
              name="votingHours"
              type="number"
              step="any"
              defaultValue={policy.votingHours}
            />
          )}
        </Field>
        {rule === 'weighted' && (
          <>
            <Field label={t('policies.quorum')} error={errors.quorum}>
              {(p) => (
                <Input {...p} name="quorum" type="number" step="any" defaultValue={policy.quorum} />
              )}
            </Field>
            <Field label={t('policies.supportThreshold')} error={errors.supportThreshold}>
              {(p) => (
                <Input
                  {...p}
                  name="supportThreshold"
                  type="number"
                  step="any"
                  defaultValue={policy.supportThreshold}
                />
              )}
            </Field>
          </>
        )}
        {rule !== 'weighted' && (
          <>
            <input type="hidden" name="quorum" value={policy.quorum} />
            <input type="hidden" name="supportThreshold" value={policy.supportThreshold} />
          </>
        )}
        {rule === 'autonomous' ? (
          <>
            <Field label={t('policies.consultationHours')} error={errors.consultationHours}>
              {(p) => (
                <Input
                  {...p}
                  name="consultationHours"
                  type="number"
                  step="any"
                  defaultValue={policy.consultationHours}
                />
              )}
            </Field>
            <Field label={t('policies.deciders')} error={errors.deciders}>
              {(p) => (
                <Select
                  {...p}
                  name="deciders"
                  multiple
                  defaultValue={policy.deciders}
                  className="min-h-24"
                >
                  {(partners.data?.items ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </>
        ) : (
          <input
            type="hidden"
            name="consultationHours"
            value={Math.min(policy.consultationHours, policy.votingHours)}
          />
        )}
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="silenceIsConsent" defaultChecked={policy.silenceIsConsent} />{' '}
          {t('policies.silenceIsConsent')}
        </label>
        {!readOnly && (
          <div className="flex items-center gap-3 sm:col-span-2">
            <Button type="submit" disabled={put.isPending}>
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

export function PoliciesPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t, tx } = useI18n();
  const policies = usePolicies(ws.id);
  const [stage, setStage] = useState<Stage>(ws.stage);
  if (policies.isPending) return <Spinner label={t('app.loading')} />;
  if (policies.isError) return <ErrorNote>{policies.error.message}</ErrorNote>;
  const row = policies.data.byStage[stage];
  return (
    <div className="max-w-4xl space-y-5">
      <header>
        <h1 className="text-2xl font-semibold">{t('policies.title')}</h1>
        <p className="text-slate-600">{t('policies.intro')}</p>
      </header>
      <div className="flex flex-wrap gap-2" role="tablist">
        {STAGES.map((s) => (
          <button
            key={s}
            role="tab"
            aria-selected={s === stage}
            onClick={() => setStage(s)}
            className={`rounded-full px-3 py-1 text-sm ring-1 ${s === stage ? 'bg-brand-700 text-white ring-brand-700' : 'bg-white ring-slate-300'}`}
          >
            {tx(`stages.${s}.name`)} {s === policies.data.stage && `(${t('policies.current')})`}
          </button>
        ))}
      </div>
      {TIERS.map((tier) => (
        <Card key={`${stage}-${tier}`}>
          <h2 className="mb-3 flex items-center gap-2 font-semibold">
            {tx(`partners.tiers.${tier}`)}{' '}
            <Badge tone="indigo">{tx(`proposals.rules.${row[tier].rule}`)}</Badge>
          </h2>
          <PolicyForm
            wid={ws.id}
            stage={stage}
            tier={tier}
            policy={row[tier]}
            readOnly={!canSetPolicies(capacityOf(ws))}
          />
        </Card>
      ))}
    </div>
  );
}
