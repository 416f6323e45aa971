import type { ErrorDetail } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/** `tx(key)`, or undefined when the catalogue has no such key (tx answers the key itself). */
const known = (tx: Tx, key: string, params?: Record<string, string | number>) => {
  const t = tx(key, params);
  return t === key ? undefined : t;
};

/**
 * One problem of a refused request in the reader's language: the broken rule when the server
 * named one, else the validation issue with its limit; the server's English words only for a
 * detail this client cannot phrase (an older or newer server).
 */
export function describeDetail(d: ErrorDetail, tx: Tx): string {
  if (d.rule) {
    const rule = known(tx, `errors.rules.${d.rule}`);
    if (rule) return rule;
  }
  if (!d.issue) return d.message;
  const n = d.limit ?? 0;
  switch (d.issue) {
    case 'too_small':
      if (d.origin === 'string')
        return n <= 1 ? tx('validation.required') : tx('validation.tooShort', { n });
      if (d.origin === 'array' || d.origin === 'set') return tx('errors.issues.tooFewItems', { n });
      return tx('validation.tooSmall', { n });
    case 'too_big':
      if (d.origin === 'string') return tx('validation.tooLong', { n });
      if (d.origin === 'array' || d.origin === 'set')
        return tx('errors.issues.tooManyItems', { n });
      return tx('validation.tooBig', { n });
    case 'invalid_format':
      if (d.format === 'email') return tx('validation.email');
      return known(tx, `errors.formats.${d.format ?? ''}`) ?? tx('validation.invalid');
    default:
      return known(tx, `errors.issues.${d.issue}`) ?? tx('validation.invalid');
  }
}

/**
 * The whole refusal in one sentence: a single named rule says what the rule is; otherwise the
 * code's sentence (a form shows the per-field details next to its fields).
 */
export function describeError(
  err: { code: string; status?: number; details?: readonly ErrorDetail[] },
  tx: Tx,
): string {
  const details = err.details ?? [];
  const ruled = details.find((d) => d.rule && known(tx, `errors.rules.${d.rule}`));
  if (ruled) return describeDetail(ruled, tx);
  if (err.code === 'VALIDATION_FAILED' && details.length === 1 && details[0]!.path.length === 0) {
    return describeDetail(details[0]!, tx);
  }
  if (err.code === 'NETWORK') return tx('errors.network');
  return known(tx, `errors.codes.${err.code}`) ?? tx('errors.generic');
}
