import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ProposalPreviewDto as ProposalPreview } from '@coalesce/shared';
import { serverFieldErrors, type FieldErrors } from '../../../components/ui/form';
import { useCreateProposal, usePreviewProposal } from '../api';

/**
 * Preview first, then open: the form's body is sent to the preview endpoint, shown, and opened
 * as it was previewed. Editing the form afterwards throws the preview away.
 */
export function useProposalDraft(wid: string) {
  const navigate = useNavigate();
  const preview = usePreviewProposal(wid);
  const create = useCreateProposal(wid);
  const [draft, setDraft] = useState<{ body: unknown; preview: ProposalPreview } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [stale, setStale] = useState(false);

  const fail = (err: Error) => {
    const fe = serverFieldErrors(err);
    setErrors(Object.keys(fe).length ? fe : { _: err.message });
  };

  return {
    draft,
    errors,
    stale,
    previewing: preview.isPending,
    opening: create.isPending,
    requestPreview(body: unknown) {
      setErrors({});
      preview.mutate(body, {
        onSuccess: (p) => {
          setDraft({ body, preview: p });
          setStale(false);
        },
        onError: fail,
      });
    },
    open() {
      if (!draft) return;
      create.mutate(draft.body, {
        onSuccess: (p) => navigate(`../${p.id}`, { relative: 'path' }),
        onError: fail,
      });
    },
    edited() {
      if (draft) setStale(true);
      setDraft(null);
    },
    /** "Change": back to the form, without the stale-preview warning. */
    discard() {
      setDraft(null);
      setStale(false);
    },
  };
}
