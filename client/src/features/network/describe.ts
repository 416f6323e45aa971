import type { BrokerSuggestionDto } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/** The suggestion's reason in the reader's language; the server's English text as a fallback. */
export function describeSuggestion(
  s: BrokerSuggestionDto,
  names: Map<string, string>,
  tx: Tx,
  locale: string,
): string {
  return (
    describeReason(
      s.reason.code,
      s.reason.params,
      s.fromPartnerId,
      s.toPartnerId,
      names,
      tx,
      locale,
    ) ?? s.text
  );
}

/**
 * A generated reason (a suggestion's code and parameters, also stored on a connection proposed
 * from it) in the reader's language; undefined for a code this client cannot phrase.
 */
export function describeReason(
  code: string,
  p: Record<string, unknown>,
  fromPartnerId: string,
  toPartnerId: string,
  names: Map<string, string>,
  tx: Tx,
  locale: string,
): string | undefined {
  const list = (v: unknown) =>
    Array.isArray(v)
      ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(v.map(String))
      : String(v ?? '');
  const key = `network.reasons.${code}`;
  const text = tx(key, {
    from: names.get(fromPartnerId) ?? '…',
    to: names.get(toPartnerId) ?? '…',
    expertise: list(p.expertise),
    targetGroups: list(p.targetGroups),
    experiment: String(p.experimentTitle ?? ''),
    hubDegree: Number(p.hubDegree ?? 0),
    hubActorType: p.hubActorType ? tx(`partners.actorTypes.${String(p.hubActorType)}`) : '',
  });
  return text === key ? undefined : text;
}
