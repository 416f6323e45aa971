import { TIERS, type WorkspaceDto } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate, useOutletContext } from 'react-router';
import { serverFieldErrors, type FieldErrors } from '../../../components/ui/form';
import { Button, Card, ErrorNote, Field, Input, Select, Textarea } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { PartnerFields, readPartnerFields } from '../../partners/components/PartnerFields';
import { usePrinciples } from '../../principles/api';
import { useCreateProposal } from '../api';

export function NewProposalPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t, tx } = useI18n();
  const navigate = useNavigate();
  const create = useCreateProposal(ws.id);
  const principles = usePrinciples(ws.id);
  const partners = usePartners(ws.id);
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [errors, setErrors] = useState<FieldErrors>({});
  const eligible = (partners.data?.items ?? []).filter(
    (p) => p.status === 'candidate' || (p.status === 'active' && p.tier === 'broad'),
  );

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const val = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | null)?.value ?? '';
    const principleFit = (principles.data?.items ?? []).flatMap((p) => {
      const fit = val(`fit:${p.id}`);
      if (!fit) return [];
      const note = val(`fitNote:${p.id}`).trim();
      return [{ principleId: p.id, fits: fit === 'yes', ...(note ? { note } : {}) }];
    });
    const closes = val('closesAt');
    const body = {
      ...(mode === 'new'
        ? { candidate: readPartnerFields(form, 'candidate.') }
        : { candidatePartnerId: val('candidatePartnerId') || undefined }),
      tier: val('tier'),
      rationale: val('rationale'),
      principleFit,
      ...(closes ? { closesAt: new Date(closes).toISOString() } : {}),
    };
    create.mutate(body, {
      onSuccess: (p) => navigate(`../${p.id}`, { relative: 'path' }),
      onError: (err) => {
        const fe = serverFieldErrors(err);
        setErrors(Object.keys(fe).length ? fe : { _: err.message });
      },
    });
  };

  return (
    <div className="max-w-3xl space-y-5">
      <h1 className="text-2xl font-semibold">{t('proposals.new')}</h1>
      <Card>
        <form noValidate onSubmit={onSubmit} className="space-y-5">
          <fieldset className="space-y-3">
            <legend className="mb-2 font-semibold">{t('proposals.candidate')}</legend>
            <div className="flex gap-4 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" checked={mode === 'new'} onChange={() => setMode('new')} />{' '}
                {t('proposals.newCandidate')}
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  checked={mode === 'existing'}
                  onChange={() => setMode('existing')}
                />{' '}
                {t('proposals.existingCandidate')}
              </label>
            </div>
            {mode === 'new' ? (
              <PartnerFields errors={errors} prefix="candidate." />
            ) : (
              <Field label={t('proposals.pickCandidate')} error={errors.candidatePartnerId}>
                {(p) => (
                  <Select {...p} name="candidatePartnerId">
                    {eligible.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.name} ({tx(`partners.statuses.${x.status}`)})
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            )}
          </fieldset>
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
          {(principles.data?.items.length ?? 0) > 0 && (
            <fieldset>
              <legend className="mb-2 font-semibold">{t('proposals.principleFit')}</legend>
              <ol className="space-y-3">
                {principles.data!.items.map((pr, i) => (
                  <li key={pr.id} className="rounded-md bg-slate-50 p-3">
                    <p className="text-sm font-medium">
                      {i + 1}. {pr.title}
                    </p>
                    <div className="mt-1 flex flex-wrap items-center gap-3 text-sm">
                      {[
                        ['', t('proposals.notAssessed')],
                        ['yes', t('proposals.fits')],
                        ['no', t('proposals.doesNotFit')],
                      ].map(([v, label]) => (
                        <label key={v} className="flex items-center gap-1">
                          <input
                            type="radio"
                            name={`fit:${pr.id}`}
                            value={v}
                            defaultChecked={v === ''}
                          />{' '}
                          {label}
                        </label>
                      ))}
                      <Input
                        className="max-w-xs"
                        name={`fitNote:${pr.id}`}
                        placeholder={t('proposals.note')}
                        aria-label={t('proposals.note')}
                      />
                    </div>
                  </li>
                ))}
              </ol>
            </fieldset>
          )}
          <Field label={t('proposals.closesAtLabel')} error={errors.closesAt}>
            {(p) => <Input {...p} name="closesAt" type="datetime-local" />}
          </Field>
          {errors._ && <ErrorNote>{errors._}</ErrorNote>}
          <Button type="submit" disabled={create.isPending}>
            {t('proposals.submit')}
          </Button>
        </form>
      </Card>
    </div>
  );
}
