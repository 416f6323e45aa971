import { TIERS, type WorkspaceDto } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { useOutletContext } from 'react-router';
import { Button, Card, ErrorNote, Field, Input, Select, Textarea } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { readPartnerFields } from '../../partners/components/PartnerFields';
import { usePrinciples } from '../../principles/api';
import { CandidateFieldset, type CandidateMode } from '../components/CandidateFieldset';
import { PrincipleFitFields, readPrincipleFit } from '../components/PrincipleFitFields';
import { ProposalPreviewCard } from '../components/ProposalPreviewCard';
import { useProposalDraft } from '../hooks/useProposalDraft';

export function NewProposalPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t, tx } = useI18n();
  const principles = usePrinciples(ws.id);
  const partners = usePartners(ws.id);
  const flow = useProposalDraft(ws.id);
  const [mode, setMode] = useState<CandidateMode>('new');
  const { errors } = flow;
  const all = partners.data?.items ?? [];
  const eligible = all.filter(
    (p) => p.status === 'candidate' || (p.status === 'active' && p.tier === 'broad'),
  );

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const val = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | null)?.value ?? '';
    const contactEmail = val('candidate.contactEmail').trim();
    const closes = val('closesAt');
    flow.requestPreview({
      ...(mode === 'new'
        ? {
            candidate: {
              ...readPartnerFields(form, 'candidate.'),
              ...(contactEmail ? { contactEmail } : {}),
            },
          }
        : { candidatePartnerId: val('candidatePartnerId') || undefined }),
      tier: val('tier'),
      rationale: val('rationale'),
      principleFit: readPrincipleFit(form, principles.data?.items ?? []),
      ...(closes ? { closesAt: new Date(closes).toISOString() } : {}),
    });
  };

  return (
    <div className="max-w-3xl space-y-5">
      <h1 className="text-2xl font-semibold">{t('proposals.new')}</h1>
      <Card>
        <form noValidate onSubmit={onSubmit} onChange={flow.edited} className="space-y-5">
          <CandidateFieldset
            mode={mode}
            onMode={(m) => (setMode(m), flow.edited())}
            eligible={eligible}
            errors={errors}
          />
          <Field label={t('proposals.tier')} error={errors.tier}>
            {(p) => (
              <Select {...p} name="tier" defaultValue="broad">
                {TIERS.map((x) => (
                  <option key={x} value={x}>
                    {tx(`partners.tiers.${x}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('proposals.rationale')} error={errors.rationale}>
            {(p) => <Textarea {...p} name="rationale" />}
          </Field>
          <PrincipleFitFields principles={principles.data?.items ?? []} />
          <Field label={t('proposals.closesAtLabel')} error={errors.closesAt}>
            {(p) => <Input {...p} name="closesAt" type="datetime-local" />}
          </Field>
          {errors._ && <ErrorNote>{errors._}</ErrorNote>}
          {flow.stale && <p className="text-sm text-amber-800">{t('coalition.preview.stale')}</p>}
          <Button
            type="submit"
            variant={flow.draft ? 'secondary' : 'primary'}
            disabled={flow.previewing}
          >
            {t('coalition.preview.button')}
          </Button>
        </form>
      </Card>
      {flow.draft && (
        <ProposalPreviewCard
          preview={flow.draft.preview}
          partnerNames={new Map(all.map((p) => [p.id, p.name]))}
          onOpen={flow.open}
          onChange={() => {
            flow.discard();
            window.scrollTo({ top: 0, behavior: 'smooth' });
          }}
          opening={flow.opening}
        />
      )}
    </div>
  );
}
