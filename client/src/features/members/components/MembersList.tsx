import { ErrorCode, ROLES, type Role, type WorkspaceDto } from '@coalesce/shared';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import { Badge, Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { useMembers, useRemoveMember, useUpdateMember } from '../api';

export function MembersList({ ws }: { ws: WorkspaceDto }) {
  const { t, tx } = useI18n();
  const me = useMe();
  const members = useMembers(ws.id);
  const update = useUpdateMember(ws.id);
  const remove = useRemoveMember(ws.id);
  const navigate = useNavigate();
  const isCoordinator = ws.myRole === 'coordinator';
  const error = update.error ?? remove.error;

  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t('members.title')}</h2>
      {members.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : members.isError ? (
        <ErrorNote>{t('errors.generic')}</ErrorNote>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="members">
          {members.data.items.map((m) => {
            const self = m.userId === me.data?.id;
            return (
              <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <p className="truncate font-medium">
                    {m.displayName}{' '}
                    {self && <span className="text-sm text-slate-500">({t('members.you')})</span>}
                  </p>
                  {m.email && <p className="truncate text-xs text-slate-500">{m.email}</p>}
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {isCoordinator ? (
                    <>
                      <label className="sr-only" htmlFor={`role-${m.userId}`}>
                        {t('members.role')}
                      </label>
                      <select
                        id={`role-${m.userId}`}
                        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                        value={m.role}
                        onChange={(e) =>
                          update.mutate({ userId: m.userId, role: e.target.value as Role })
                        }
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {tx(`roles.${r}`)}
                          </option>
                        ))}
                      </select>
                      <label className="flex items-center gap-1 text-sm">
                        <input
                          type="checkbox"
                          checked={m.broker}
                          onChange={(e) =>
                            update.mutate({ userId: m.userId, broker: e.target.checked })
                          }
                        />
                        {t('members.broker')}
                      </label>
                    </>
                  ) : (
                    <>
                      <Badge tone={m.role === 'coordinator' ? 'brand' : 'slate'}>
                        {tx(`roles.${m.role}`)}
                      </Badge>
                      {m.broker && <Badge tone="indigo">{t('roles.broker')}</Badge>}
                    </>
                  )}
                  {(isCoordinator || self) && (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => {
                        const q = self
                          ? t('members.confirmLeave')
                          : t('members.confirmRemove', { name: m.displayName });
                        if (!window.confirm(q)) return;
                        remove.mutate(m.userId, { onSuccess: () => self && navigate('/w') });
                      }}
                    >
                      {self ? t('members.leave') : t('members.remove')}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <div className="mt-3">
          <ErrorNote>
            {error instanceof ApiError && error.code === ErrorCode.LAST_COORDINATOR
              ? t('members.lastCoordinator')
              : error.message}
          </ErrorNote>
        </div>
      )}
    </Card>
  );
}
