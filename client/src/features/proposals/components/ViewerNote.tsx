import type { ProposalDto as Proposal } from '@coalesce/shared';
import { useI18n } from '../../../i18n/i18n';
import { explainViewer } from '../viewer';

/** Why the reader cannot vote here, in plain words ("Core partners decide on broad admissions…"). */
export function ViewerNote({
  proposal,
  partnerNames,
  coordinator,
}: {
  proposal: Proposal;
  partnerNames: Map<string, string>;
  coordinator: boolean;
}) {
  const { tx } = useI18n();
  const text = explainViewer(proposal, partnerNames, tx, coordinator);
  if (!text) return null;
  return (
    <p
      className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200"
      data-testid="viewer-note"
    >
      {text}
    </p>
  );
}
