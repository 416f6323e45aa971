import type { Policy } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/** 0.5 → 50, 0.605 → 60.5: the API's fractions as the percentages people type. */
export const toPercent = (fraction: number) => Math.round(fraction * 1000) / 10;
/** 50 → 0.5: back to the API's fraction (NaN stays NaN so validation can name the field). */
export const fromPercent = (percent: number) => Math.round(percent * 10) / 1000;

/** "7 days (168 hours)" for whole days from two on, else "36 hours" (the field is in hours). */
export function duration(hours: number, tx: Tx): string {
  if (hours === 1) return tx('coalition.rule.oneHour');
  if (hours >= 48 && hours % 24 === 0)
    return tx('coalition.rule.days', { days: hours / 24, hours });
  return tx('coalition.rule.hours', { hours });
}

/**
 * A decision rule read back in plain words, e.g. "Accepted when at least 50 % of the weight has
 * voted and more than 60 % of yes+no weight is yes." `deciderNames` are the names of
 * `policy.deciders` (empty: the coordinators decide).
 */
export function ruleSentences(
  policy: Pick<
    Policy,
    | 'rule'
    | 'electorate'
    | 'votingHours'
    | 'quorum'
    | 'supportThreshold'
    | 'silenceIsConsent'
    | 'consultationHours'
  >,
  deciderNames: string[],
  tx: Tx,
): string[] {
  if (policy.rule === 'autonomous') {
    const hours = policy.consultationHours;
    const due = tx('coalition.rule.autonomousDue', { duration: duration(policy.votingHours, tx) });
    if (deciderNames.length === 0)
      return [tx('coalition.rule.autonomousCoordinators', { hours }), due];
    const last = deciderNames.at(-1)!;
    const deciders =
      deciderNames.length === 1
        ? last
        : deciderNames.slice(0, -1).join(', ') + tx('coalition.rule.and') + last;
    return [tx('coalition.rule.autonomous', { hours, deciders }), due];
  }
  const lines = [
    tx(
      policy.electorate === 'all'
        ? 'coalition.rule.electorateAll'
        : 'coalition.rule.electorateCore',
    ),
  ];
  if (policy.rule === 'weighted') {
    lines.push(
      tx('coalition.rule.weighted', {
        quorum: toPercent(policy.quorum),
        support: toPercent(policy.supportThreshold),
      }),
    );
  } else {
    lines.push(tx('coalition.rule.consensus'));
    lines.push(
      tx(
        policy.silenceIsConsent
          ? 'coalition.rule.consensusSilence'
          : 'coalition.rule.consensusNoSilence',
      ),
    );
  }
  lines.push(tx('coalition.rule.voting', { duration: duration(policy.votingHours, tx) }));
  return lines;
}
