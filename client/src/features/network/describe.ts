import type { BrokerSuggestionDto } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/** The suggestion's reason in the reader's language; the server's English text as a fallback. */
export function describeSuggestion(
  s: BrokerSuggestionDto,
  names: Map<string, string>,
  tx: Tx,
  locale: string,
): string {
  const p = s.reason.params;
  const list = (v: unknown) =>
    Array.isArray(v)
      ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(v.map(String))
      : String(v ?? '');
  const key = `network.reasons.${s.reason.code}`;
  const text = tx(key, {
    from: names.get(s.fromPartnerId) ?? '…',
    to: names.get(s.toPartnerId) ?? '…',
    expertise: list(p.expertise),
    targetGroups: list(p.targetGroups),
    experiment: String(p.experimentTitle ?? ''),
    hubDegree: Number(p.hubDegree ?? 0),
    hubActorType: p.hubActorType ? tx(`partners.actorTypes.${String(p.hubActorType)}`) : '',
  });
  return text === key ? s.text : text;
}
