import {
  STAGE_STATEMENTS,
  STAGES,
  SURVEY_CONTRIBUTIONS,
  TIE_LEVELS,
  TRUST_ITEMS,
  VALUE_ITEMS,
  type SurveyWaveDto,
  type TieLevel,
} from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { describeDetail } from '../../../api/errors';
import { ApiError } from '../../../api/client';
import { Button, Card, ErrorNote, Select } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useSurveyMutations } from '../api';
import { draftFrom, emptyTie, toSubmission, type AnswerDraft, type TieDraft } from '../answer';
import type { SurveyResponseDto } from '@coalesce/shared';

const RATINGS = [1, 2, 3, 4] as const;

/**
 * A representative's answer for their partner: per other partner whether they work together
 * and, if so, the level, three trust and three value ratings (1–4) and what it contributes;
 * then the stage statements. Submitting again replaces the answer until the wave closes.
 */
export function AnswerForm({
  wave,
  partnerId,
  earlier,
}: {
  wave: SurveyWaveDto;
  partnerId: string;
  earlier: SurveyResponseDto | null;
}) {
  const { t, tx } = useI18n();
  const { submit } = useSurveyMutations(wave.workspaceId);
  const [draft, setDraft] = useState<AnswerDraft>(() => draftFrom(earlier));
  const [saved, setSaved] = useState(false);
  const me = wave.roster.find((r) => r.partnerId === partnerId)?.name ?? '';
  const others = wave.roster.filter((r) => r.partnerId !== partnerId);
  const order = others.map((o) => o.partnerId);

  const setTie = (id: string, change: Partial<TieDraft>) => {
    setSaved(false);
    setDraft((d) => ({
      ...d,
      ties: { ...d.ties, [id]: { ...(d.ties[id] ?? emptyTie()), ...change } },
    }));
  };
  const setStage = (statement: string, value: string) => {
    setSaved(false);
    setDraft((d) => {
      const stage = { ...d.stage };
      if (value) stage[statement] = Number(value);
      else delete stage[statement];
      return { ...d, stage };
    });
  };

  // Server errors per other partner (ties.<i>…) and per statement (stage.<id>).
  const details = submit.error instanceof ApiError ? (submit.error.details ?? []) : [];
  const sent = toSubmission(draft, order);
  const tieError = (id: string) => {
    const i = sent.ties?.findIndex((x) => x.partnerId === id) ?? -1;
    const d = details.filter((x) => x.path[0] === 'ties' && x.path[1] === i);
    return d.length ? d.map((x) => describeDetail(x, tx)).join(' ') : undefined;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate(
      { sid: wave.id, partnerId, body: toSubmission(draft, order) },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <Card>
      <form onSubmit={onSubmit} className="space-y-5" aria-labelledby="answer-heading">
        <div>
          <h2 id="answer-heading" className="text-lg font-semibold">
            {t('surveys.answer.heading', { partner: me })}
          </h2>
          <p className="text-sm text-slate-600">{t('surveys.answer.intro')}</p>
        </div>
        {others.map((o) => {
          const tie = draft.ties[o.partnerId] ?? emptyTie();
          const err = tieError(o.partnerId);
          return (
            <fieldset
              key={o.partnerId}
              className="space-y-3 rounded-md border border-slate-200 p-3"
              data-testid={`tie-${o.name}`}
            >
              <legend className="px-1 font-medium">{o.name}</legend>
              <div className="flex flex-wrap items-center gap-4 text-sm">
                <span>{t('surveys.answer.worksWith', { partner: me, other: o.name })}</span>
                {([true, false] as const).map((v) => (
                  <label key={String(v)} className="flex items-center gap-1">
                    <input
                      type="radio"
                      name={`works-${o.partnerId}`}
                      checked={tie.worksWith === v}
                      onChange={() => setTie(o.partnerId, { worksWith: v })}
                    />
                    {t(v ? 'surveys.answer.yes' : 'surveys.answer.no')}
                  </label>
                ))}
              </div>
              {tie.worksWith && (
                <div className="space-y-3">
                  <label className="flex flex-col gap-1 text-sm">
                    <span className="font-medium">{t('surveys.answer.level')}</span>
                    <Select
                      value={tie.level}
                      aria-label={`${t('surveys.answer.level')}: ${o.name}`}
                      onChange={(e) =>
                        setTie(o.partnerId, { level: e.target.value as TieLevel | '' })
                      }
                    >
                      <option value="">—</option>
                      {TIE_LEVELS.map((l) => (
                        <option key={l} value={l}>
                          {t(`surveys.levels.${l}`)}
                        </option>
                      ))}
                    </Select>
                  </label>
                  <div className="grid gap-3 sm:grid-cols-2">
                    {(
                      [
                        ['trust', TRUST_ITEMS],
                        ['value', VALUE_ITEMS],
                      ] as const
                    ).map(([group, items]) => (
                      <div key={group} className="space-y-2">
                        <p className="text-sm font-medium">{t(`surveys.answer.${group}`)}</p>
                        {items.map((item) => (
                          <label
                            key={item}
                            className="flex items-center justify-between gap-2 text-sm"
                          >
                            <span>{t(`surveys.items.${item}`)}</span>
                            <span className="w-20 shrink-0">
                              <Select
                                aria-label={`${t(`surveys.items.${item}`)}: ${o.name}`}
                                value={tie.ratings[item] ?? ''}
                                onChange={(e) =>
                                  setTie(o.partnerId, {
                                    ratings: {
                                      ...tie.ratings,
                                      [item]: e.target.value ? Number(e.target.value) : undefined,
                                    },
                                  })
                                }
                              >
                                <option value="">—</option>
                                {RATINGS.map((r) => (
                                  <option key={r} value={r}>
                                    {r}
                                  </option>
                                ))}
                              </Select>
                            </span>
                          </label>
                        ))}
                      </div>
                    ))}
                  </div>
                  <div className="text-sm">
                    <p className="font-medium">
                      {t('surveys.answer.contributions', { other: o.name })}
                    </p>
                    <div className="mt-1 flex flex-wrap gap-3">
                      {SURVEY_CONTRIBUTIONS.map((c) => (
                        <label key={c} className="flex items-center gap-1">
                          <input
                            type="checkbox"
                            checked={tie.contributions.includes(c)}
                            onChange={(e) =>
                              setTie(o.partnerId, {
                                contributions: e.target.checked
                                  ? [...tie.contributions, c]
                                  : tie.contributions.filter((x) => x !== c),
                              })
                            }
                          />
                          {t(`surveys.contributions.${c}`)}
                        </label>
                      ))}
                    </div>
                  </div>
                </div>
              )}
              {err && (
                <p role="alert" className="text-sm text-rose-700">
                  {err}
                </p>
              )}
            </fieldset>
          );
        })}

        <section className="space-y-3" aria-labelledby="stage-heading">
          <h3 id="stage-heading" className="font-semibold">
            {t('surveys.stage.heading')}
          </h3>
          <p className="text-sm text-slate-600">{t('surveys.stage.intro')}</p>
          {STAGES.map((stage) => (
            <div key={stage} className="space-y-2">
              <p className="text-sm font-medium text-slate-800">{t(`stages.${stage}.name`)}</p>
              {STAGE_STATEMENTS[stage].map((id) => (
                <label key={id} className="flex items-center justify-between gap-3 text-sm">
                  <span>{tx(`surveys.stage.statements.${id}`)}</span>
                  <span className="w-20 shrink-0">
                    <Select
                      aria-label={tx(`surveys.stage.statements.${id}`)}
                      value={draft.stage[id] ?? ''}
                      onChange={(e) => setStage(id, e.target.value)}
                    >
                      <option value="">—</option>
                      {RATINGS.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </Select>
                  </span>
                </label>
              ))}
            </div>
          ))}
        </section>

        {submit.error && <ErrorNote>{submit.error.message}</ErrorNote>}
        {saved && (
          <p role="status" className="text-sm text-brand-800">
            {t('surveys.answer.saved')}
          </p>
        )}
        <Button type="submit" disabled={submit.isPending}>
          {t(earlier ? 'surveys.answer.revise' : 'surveys.answer.submit')}
        </Button>
      </form>
    </Card>
  );
}
