import { useEffect, useRef } from 'react';
import type { ProposalPreviewDto as ProposalPreview } from '@coalesce/shared';
import { Button, Card } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { ruleSentences } from '../../policies/sentence';
import { warningSentences } from '../preview';

/** The proposal as it would open: the rule in words, who votes, the deadlines, the warnings. */
export function ProposalPreviewCard({
  preview,
  partnerNames,
  onOpen,
  onChange,
  opening,
}: {
  preview: ProposalPreview;
  partnerNames: Map<string, string>;
  onOpen(): void;
  onChange(): void;
  opening: boolean;
}) {
  const { t, tx } = useI18n();
  const fmt = useDateFormat();
  const deciders = preview.policy.deciders.map((d) => partnerNames.get(d) ?? '…');
  const warnings = warningSentences(preview, tx, partnerNames);
  const ref = useRef<HTMLDivElement>(null);
  // The preview appears below a long form: bring it into view, and keyboard focus to it.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    ref.current?.focus({ preventScroll: true });
  }, [preview]);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t('coalition.preview.title')}</h2>
        <section data-testid="preview-rule">
          <h3 className="text-sm font-semibold text-slate-700">{t('coalition.preview.rule')}</h3>
          {ruleSentences(preview.policy, deciders, tx).map((l) => (
            <p key={l} className="text-sm">
              {l}
            </p>
          ))}
        </section>
        {preview.policy.rule !== 'autonomous' && (
          <section>
            <h3 className="text-sm font-semibold text-slate-700">
              {t('coalition.preview.voters')}
            </h3>
            {preview.electorate.length === 0 ? (
              <p className="text-sm">{t('coalition.preview.nobody')}</p>
            ) : (
              <ul className="text-sm" data-testid="preview-electorate">
                {preview.electorate.map((e) => (
                  <li key={e.partnerId}>
                    {e.name} — {t('coalition.preview.weight', { w: e.weight })} ·{' '}
                    {e.representativeCount > 1 ? (
                      t('coalition.preview.representatives', { n: e.representativeCount })
                    ) : e.representativeCount === 1 ? (
                      t('coalition.preview.representative')
                    ) : (
                      <span className="font-medium text-amber-800">
                        {t('coalition.preview.noRep')}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        <section className="text-sm">
          {preview.consultationEndsAt && (
            <p>
              {t('coalition.preview.consultation', {
                date: fmt.format(new Date(preview.consultationEndsAt)),
              })}
            </p>
          )}
          <p>{t('coalition.preview.deadline', { date: fmt.format(new Date(preview.closesAt)) })}</p>
        </section>
        {warnings.length > 0 && (
          <section
            className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
            data-testid="preview-warnings"
          >
            <h3 className="font-semibold">{t('coalition.preview.warnings')}</h3>
            {warnings.map((w) => (
              <p key={w}>{w}</p>
            ))}
          </section>
        )}
        <div className="flex flex-wrap gap-2">
          <Button onClick={onOpen} disabled={opening}>
            {t('coalition.preview.open')}
          </Button>
          <Button variant="secondary" onClick={onChange}>
            {t('coalition.preview.change')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
