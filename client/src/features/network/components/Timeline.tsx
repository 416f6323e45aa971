import { Button } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { TIMELINE_STEPS, type useTimeline } from '../hooks/useTimeline';

/** Play and the slider, with the chosen date and the dates at both ends in the reader's locale. */
export function Timeline({
  timeline,
  now,
}: {
  timeline: ReturnType<typeof useTimeline>;
  now: number;
}) {
  const { t } = useI18n();
  const fmt = useDateFormat('date');
  const shown = timeline.at ? fmt.format(new Date(timeline.at)) : null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg bg-white p-3 ring-1 ring-slate-200">
      <p className="w-full text-sm font-medium" aria-live="polite" data-testid="timeline-date">
        {shown ? t('network.at', { date: shown }) : t('network.nowLong', { date: fmt.format(now) })}
      </p>
      <Button variant="secondary" size="sm" className="min-h-8" onClick={timeline.toggle}>
        {timeline.playing ? t('network.pause') : t('network.play')}
      </Button>
      <div className="min-w-0 flex-1">
        <input
          type="range"
          min={0}
          max={TIMELINE_STEPS}
          value={timeline.step}
          aria-label={t('network.timeline')}
          aria-valuetext={shown ?? t('network.now')}
          data-testid="time-slider"
          onChange={(e) => timeline.setStep(Number(e.target.value))}
          className="h-8 w-full accent-brand-700"
        />
        <div className="flex justify-between text-xs text-slate-600" aria-hidden>
          <span>{fmt.format(timeline.start)}</span>
          <span>{t('network.now')}</span>
        </div>
      </div>
    </div>
  );
}
