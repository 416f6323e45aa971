import { policyPutSchema, type Policy, type Stage, type Tier } from '@coalesce/shared';
import { useState } from 'react';
import { serverFieldErrors, validate, type FieldErrors } from '../../../components/ui/form';
import { useI18n } from '../../../i18n/i18n';
import { usePutPolicy } from '../api';
import { fromPercent, toPercent } from '../sentence';

export interface PolicyDraft {
  rule: Policy['rule'];
  electorate: Policy['electorate'];
  votingHours: string;
  /** Percent, as typed (the API keeps 0–1 fractions). */
  quorum: string;
  support: string;
  silenceIsConsent: boolean;
  consultationHours: string;
  deciders: string[];
}

const toDraft = (p: Policy): PolicyDraft => ({
  rule: p.rule,
  electorate: p.electorate,
  votingHours: String(p.votingHours),
  quorum: String(toPercent(p.quorum)),
  support: String(toPercent(p.supportThreshold)),
  silenceIsConsent: p.silenceIsConsent,
  consultationHours: String(p.consultationHours),
  deciders: p.deciders,
});

/** The policy editor's state: percentages on screen, fractions on the wire. */
export function usePolicyForm(wid: string, stage: Stage, tier: Tier, policy: Policy) {
  const { tx } = useI18n();
  const put = usePutPolicy(wid);
  const [draft, setDraft] = useState(() => toDraft(policy));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<PolicyDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const votingHours = Number(draft.votingHours);
  const consultationHours = Number(draft.consultationHours);
  const body = {
    stage,
    rule: draft.rule,
    electorate: draft.electorate,
    votingHours,
    quorum: fromPercent(Number(draft.quorum)),
    supportThreshold: fromPercent(Number(draft.support)),
    silenceIsConsent: draft.silenceIsConsent,
    // Only the autonomous rule consults; the others must not ask for more than the voting time.
    consultationHours:
      draft.rule === 'autonomous' ? consultationHours : Math.min(consultationHours, votingHours),
    deciders: draft.rule === 'autonomous' ? draft.deciders : [],
  };

  const submit = () => {
    const pct: FieldErrors = {};
    for (const [field, value, max] of [
      ['quorum', draft.quorum, 100],
      ['supportThreshold', draft.support, 99.9],
    ] as const) {
      const n = Number(value);
      if (value.trim() === '' || Number.isNaN(n)) pct[field] = tx('validation.required');
      else if (n < 0) pct[field] = tx('validation.tooSmall', { n: 0 });
      else if (n > max) pct[field] = tx('validation.tooBig', { n: max });
    }
    const r = validate(policyPutSchema, body, tx);
    const all = { ...(r.ok ? {} : r.errors), ...pct };
    if (!r.ok || Object.keys(pct).length) return setErrors(all);
    setErrors({});
    put.mutate(
      { tier, ...r.data },
      { onSuccess: () => setSaved(true), onError: (err) => setErrors(serverFieldErrors(err)) },
    );
  };

  return { draft, set, body, errors, saved, submit, pending: put.isPending };
}
