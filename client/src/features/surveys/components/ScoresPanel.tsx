import { STAGES, type SurveyScoresDto } from '@coalesce/shared';
import { clsx } from 'clsx';
import { Badge, Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number) => x.toFixed(1);
const signed = (x: number, f: (v: number) => string) =>
  `${x > 0 ? '+' : x < 0 ? '−' : '±'}${f(Math.abs(x))}`;

/**
 * The aggregates every member sees: network scores with the change since the previous wave,
 * each partner's trust and value as the others rate it (only from 3 raters), and the stage
 * profile beside the declared stage.
 */
export function ScoresPanel({ scores }: { scores: SurveyScoresDto }) {
  const { t } = useI18n();
  const { network: n, previous } = scores;
  const metrics = [
    ['density', n.density, pct, t('surveys.scores.densityHint')],
    ['reciprocity', n.reciprocity, pct, t('surveys.scores.reciprocityHint')],
    ['trust', n.trust, num, undefined],
    ['value', n.value, num, undefined],
  ] as const;
  const declared = scores.wave.declaredStage;
  return (
    <div className="space-y-4" data-testid="survey-scores">
      <Card>
        <h2 className="font-semibold">{t('surveys.scores.network')}</h2>
        <p className="text-sm text-slate-600">
          {t('surveys.answered', { n: n.respondents, total: n.rosterSize })}
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-2">
          {metrics.map(([k, v, f, hint]) => {
            const change = previous?.change[k];
            return (
              <div key={k} className="rounded-md bg-slate-50 p-3" title={hint}>
                <dt className="text-xs font-medium text-slate-600">{t(`surveys.scores.${k}`)}</dt>
                <dd className="text-xl font-semibold" data-testid={`score-${k}`}>
                  {v === null ? '—' : f(v)}
                </dd>
                {change !== undefined && change !== null && previous && (
                  <dd className="text-xs text-slate-500">
                    {t('surveys.scores.change', { delta: signed(change, f), wave: previous.title })}
                  </dd>
                )}
              </div>
            );
          })}
        </dl>
        {n.respondents < 3 && (
          <p className="mt-2 text-sm text-slate-500">{t('surveys.scores.withheld')}</p>
        )}
      </Card>

      <Card>
        <h2 className="font-semibold">{t('surveys.scores.partners')}</h2>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="text-slate-600">
                <th className="py-1 pr-3 font-medium">{t('surveys.scores.partner')}</th>
                <th className="py-1 pr-3 font-medium">{t('surveys.answer.trust')}</th>
                <th className="py-1 font-medium">{t('surveys.answer.value')}</th>
              </tr>
            </thead>
            <tbody>
              {scores.partners.map((p) => (
                <tr
                  key={p.partnerId}
                  className="border-t border-slate-100"
                  data-testid="partner-score"
                >
                  <td className="py-1.5 pr-3">{p.name}</td>
                  {[p.trust, p.value].map((s, i) => (
                    <td key={i} className={clsx('py-1.5', i === 0 && 'pr-3')}>
                      {s.value === null ? (
                        <span className="text-slate-500" title={t('surveys.scores.fewRaters')}>
                          —<span className="sr-only"> {t('surveys.scores.fewRaters')}</span>
                        </span>
                      ) : (
                        <span title={t('surveys.scores.ratedBy', { n: s.raters })}>
                          <strong>{num(s.value)}</strong>{' '}
                          <span className="text-xs text-slate-500" aria-hidden>
                            ({s.raters})
                          </span>
                          <span className="sr-only">
                            {t('surveys.scores.ratedBy', { n: s.raters })}
                          </span>
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-xs text-slate-500">{t('surveys.scores.ratersNote')}</p>
      </Card>

      <Card>
        <h2 className="font-semibold">{t('surveys.scores.stageProfile')}</h2>
        <p className="text-sm text-slate-600">
          {t('surveys.scores.declared', { stage: t(`stages.${declared}.name`) })}
        </p>
        <ul className="mt-3 space-y-2" data-testid="stage-profile">
          {STAGES.map((stage) => {
            const s = scores.stageProfile.byStage[stage];
            return (
              <li key={stage} className="text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="flex items-center gap-2">
                    {t(`stages.${stage}.name`)}
                    {stage === declared && (
                      <Badge tone="indigo">{t('surveys.scores.declaredBadge')}</Badge>
                    )}
                  </span>
                  <span className="text-slate-600">
                    {s.value === null ? '—' : t('surveys.scores.outOf', { value: num(s.value) })}
                  </span>
                </div>
                <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden>
                  <div
                    className={clsx(
                      'h-2 rounded',
                      stage === declared ? 'bg-indigo-500' : 'bg-brand-500',
                    )}
                    style={{ width: s.value === null ? 0 : `${(s.value / 4) * 100}%` }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
        {scores.stageProfile.strongest ? (
          <p className="mt-3 text-sm">
            {t('surveys.scores.strongest', {
              stage: t(`stages.${scores.stageProfile.strongest}.name`),
            })}
          </p>
        ) : (
          <p className="mt-3 text-sm text-slate-500">{t('surveys.scores.withheld')}</p>
        )}
      </Card>
    </div>
  );
}
