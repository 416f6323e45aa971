import {
  canAnswerSurveyFor,
  canManageSurveys,
  canReadAllSurveyResponses,
  type WorkspaceDto,
} from '@coalesce/shared';
import { Link, useOutletContext, useParams } from 'react-router';
import { Badge, Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useSurvey, useSurveyMutations, useSurveyResponse, useSurveyScores } from '../api';
import { AnswerForm } from '../components/AnswerForm';
import { IndividualAnswers } from '../components/IndividualAnswers';
import { ScoresPanel } from '../components/ScoresPanel';
import { capacityOf } from '../../workspaces/capacity';
import { STATUS_TONE } from './SurveysPage';

/** One wave: the reader's partner answers it (while open), everyone sees its scores. */
export function SurveyWavePage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { sid = '' } = useParams();
  const { t } = useI18n();
  const day = useDateFormat('date');
  const wave = useSurvey(ws.id, sid);
  const scores = useSurveyScores(ws.id, sid);
  const me = capacityOf(ws);
  const partnerId =
    ws.myPartnerId && canAnswerSurveyFor(me, ws.myPartnerId) ? ws.myPartnerId : null;
  const asked = !!partnerId && !!wave.data?.roster.some((r) => r.partnerId === partnerId);
  const mine = useSurveyResponse(ws.id, sid, asked ? partnerId : null);
  const { close } = useSurveyMutations(ws.id);

  if (wave.isPending) return <Spinner label={t('app.loading')} />;
  if (wave.error) return <ErrorNote>{wave.error.message}</ErrorNote>;
  const w = wave.data;
  const answering = w.status === 'open' && asked && mine.isSuccess;
  return (
    <div className="space-y-5">
      <Link to=".." relative="path" className="text-sm text-brand-700 hover:underline">
        ← {t('surveys.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{w.title}</h1>
        <Badge tone={STATUS_TONE[w.status]}>{t(`surveys.statuses.${w.status}`)}</Badge>
        {canManageSurveys(me) && w.status !== 'closed' && (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => close.mutate(w.id)}
            disabled={close.isPending}
          >
            {t('surveys.closeNow')}
          </Button>
        )}
      </div>
      <p className="text-sm text-slate-600">
        {t('surveys.period', { from: day.format(w.opensAt), to: day.format(w.closesAt) })}
        {w.status !== 'scheduled' &&
          ` · ${t('surveys.answered', { n: w.responseCount, total: w.roster.length })}`}
      </p>
      {close.error && <ErrorNote>{close.error.message}</ErrorNote>}

      {/* Beside the answer form the scores take a side column; otherwise the whole width. */}
      <div
        className={
          answering
            ? 'grid gap-5 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]'
            : 'max-w-4xl space-y-4'
        }
      >
        <div className="space-y-4">
          {w.status === 'scheduled' && (
            <Card>
              <p className="text-sm">
                {t('surveys.answer.scheduled', { date: day.format(w.opensAt) })}
              </p>
            </Card>
          )}
          {w.status === 'closed' && (
            <Card>
              <p className="text-sm">{t('surveys.answer.closed')}</p>
            </Card>
          )}
          {w.status === 'open' && !partnerId && (
            <Card>
              <p className="text-sm">{t('surveys.answer.onlyRepresentatives')}</p>
            </Card>
          )}
          {w.status === 'open' && partnerId && !asked && (
            <Card>
              <p className="text-sm">{t('surveys.answer.notAsked')}</p>
            </Card>
          )}
          {answering && (
            <AnswerForm key={w.id} wave={w} partnerId={partnerId} earlier={mine.data} />
          )}
        </div>
        <div className="space-y-4">
          <h2 className="sr-only">{t('surveys.scores.heading')}</h2>
          {scores.data ? (
            <ScoresPanel scores={scores.data} />
          ) : (
            <Spinner label={t('app.loading')} />
          )}
          {canReadAllSurveyResponses(me) && w.status !== 'scheduled' && (
            <IndividualAnswers wave={w} />
          )}
        </div>
      </div>
    </div>
  );
}
