import type { ProposalPreviewDto as ProposalPreview } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/**
 * The preview's warnings as sentences, one per partner concerned, e.g. "Sportclub Genk has no
 * representative: under consensus without silence-is-consent this proposal cannot be accepted
 * unless someone represents it."
 */
export function warningSentences(
  preview: Pick<ProposalPreview, 'policy' | 'warnings' | 'electorate'>,
  tx: Tx,
  extraNames: Map<string, string> = new Map(),
): string[] {
  const names = new Map(preview.electorate.map((e) => [e.partnerId, e.name]));
  const name = (id: string) => names.get(id) ?? extraNames.get(id) ?? '…';
  const { rule, silenceIsConsent } = preview.policy;
  return preview.warnings.flatMap((w) => {
    if (w.code === 'EMPTY_ELECTORATE') return [tx('coalition.preview.empty')];
    if (w.code === 'ZERO_WEIGHT')
      return w.partnerIds.map((id) => tx('coalition.preview.zeroWeight', { name: name(id) }));
    const key = !w.blocksAcceptance
      ? rule === 'consensus' && silenceIsConsent
        ? 'coalition.preview.unrepresentedSilence'
        : 'coalition.preview.unrepresented'
      : rule === 'weighted'
        ? 'coalition.preview.unrepresentedWeighted'
        : 'coalition.preview.unrepresentedConsensus';
    return w.partnerIds.map((id) => tx(key, { name: name(id) }));
  });
}
