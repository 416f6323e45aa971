import { CollabCloseCode } from '@coalesce/shared';
import { clsx } from 'clsx';
import { useI18n } from '../../../i18n/i18n';
import type { SaveState } from '../saveState';

/** Whether edits are safe, announced politely to screen readers as it changes. */
export function SaveStateNote({ state, refusal }: { state: SaveState; refusal: number | null }) {
  const { t } = useI18n();
  const text = {
    refused:
      refusal === CollabCloseCode.FORBIDDEN ? t('documents.forbidden') : t('documents.refused'),
    offline: t('documents.offline'),
    syncing: t('documents.syncing'),
    saving: t('documents.saving'),
    saved: t('documents.saved'),
  }[state];
  return (
    <p
      className="flex items-center gap-1.5 text-sm text-slate-600"
      role="status"
      data-testid="save-state"
      data-state={state}
    >
      <span
        aria-hidden
        className={clsx('h-2 w-2 rounded-full', {
          'bg-emerald-500': state === 'saved',
          'bg-sky-500': state === 'saving' || state === 'syncing',
          'bg-amber-400': state === 'offline',
          'bg-rose-500': state === 'refused',
        })}
      />
      {text}
    </p>
  );
}
