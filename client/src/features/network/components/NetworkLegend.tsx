import { useI18n } from '../../../i18n/i18n';
import { ACTOR_COLORS } from '../colors';

/** How to read the map: the keyboard hint (map only; the graph points at it) and the colours. */
export function NetworkLegend({ hintId }: { hintId?: string }) {
  const { t, tx } = useI18n();
  return (
    <>
      <p className="text-xs text-slate-600">
        {hintId && <span id={hintId}>{t('network.keyboardHint')} </span>}
        {t('network.legend')}
      </p>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={t('network.legendTitle')}>
        {Object.entries(ACTOR_COLORS).map(([k, c]) => (
          <li key={k} className="flex items-center gap-1">
            <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: c }} aria-hidden />
            {tx(`partners.actorTypes.${k}`)}
          </li>
        ))}
      </ul>
    </>
  );
}
