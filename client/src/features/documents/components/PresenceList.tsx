import { useI18n } from '../../../i18n/i18n';
import type { CollabUser } from './CollabEditor';

/** Who else has the document open, each in their caret colour. */
export function PresenceList({ users }: { users: CollabUser[] }) {
  const { t } = useI18n();
  return (
    <ul
      aria-label={t('documents.presence')}
      className="flex flex-wrap gap-2"
      data-testid="presence"
    >
      {users.map((u, i) => (
        <li
          key={`${u.name}-${i}`}
          className="flex items-center gap-1.5 rounded-full bg-white px-2 py-0.5 text-xs ring-1 ring-slate-200"
        >
          <span
            className="h-2.5 w-2.5 rounded-full"
            style={{ backgroundColor: u.color }}
            aria-hidden
          />
          {u.name}
        </li>
      ))}
    </ul>
  );
}
