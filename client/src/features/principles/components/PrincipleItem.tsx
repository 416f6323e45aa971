import type { PrincipleDto } from '@coalesce/shared';
import { Button } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

/** One numbered principle; those who manage principles move it up or down, or delete it. */
export function PrincipleItem({
  principle: p,
  position,
  actions,
}: {
  principle: PrincipleDto;
  /** 1-based, as shown. */
  position: number;
  /** Absent for those who may not manage principles; a move is absent at that end of the list. */
  actions?: { onUp?: () => void; onDown?: () => void; onDelete(): void };
}) {
  const { t } = useI18n();
  return (
    <li className="flex gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <span className="text-xl font-semibold text-brand-700">{position}</span>
      <div className="min-w-0 flex-1">
        <p className="font-medium">{p.title}</p>
        {p.description && (
          <p className="whitespace-pre-line text-sm text-slate-600">{p.description}</p>
        )}
      </div>
      {actions && (
        <div className="flex shrink-0 items-start gap-1">
          <Button
            variant="ghost"
            size="sm"
            aria-label={t('principles.up')}
            disabled={!actions.onUp}
            onClick={actions.onUp}
          >
            ↑
          </Button>
          <Button
            variant="ghost"
            size="sm"
            aria-label={t('principles.down')}
            disabled={!actions.onDown}
            onClick={actions.onDown}
          >
            ↓
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => window.confirm(t('principles.confirmDelete')) && actions.onDelete()}
          >
            {t('principles.delete')}
          </Button>
        </div>
      )}
    </li>
  );
}
