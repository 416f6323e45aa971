import {
  canManageMembers,
  ErrorCode,
  ROLES,
  type MemberDto,
  type Role,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import type { PartnerDto as Partner } from '@coalesce/shared';
import { Badge, Button, ErrorNote } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { capacityOf } from '../../workspaces/capacity';
import { useRemoveMember, useUpdateMember } from '../api';
import { MemberPartnerSelect } from './MemberPartnerSelect';

const selectClass = 'rounded-md border border-slate-300 px-2 py-1 text-sm';

/** One member: who they are, the partner they speak for, and (for coordinators) the controls. */
export function MemberRow({
  ws,
  member: m,
  self,
  partners,
  partnerNames,
}: {
  ws: WorkspaceDto;
  member: MemberDto;
  self: boolean;
  partners: Partner[];
  partnerNames: Map<string, string>;
}) {
  const { t, tx } = useI18n();
  // One mutation per row, so an error shows next to the member it is about.
  const update = useUpdateMember(ws.id);
  const remove = useRemoveMember(ws.id);
  const navigate = useNavigate();
  const isCoordinator = canManageMembers(capacityOf(ws));
  const error = update.error ?? remove.error;
  const partnerName = m.partnerId ? (partnerNames.get(m.partnerId) ?? '…') : null;

  return (
    <li className="flex flex-col gap-2 py-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium">
            {m.displayName}{' '}
            {self && <span className="text-sm text-slate-500">({t('members.you')})</span>}
          </p>
          {m.email && <p className="truncate text-xs text-slate-500">{m.email}</p>}
          {!isCoordinator && (
            <p className="text-xs text-slate-600">
              {partnerName
                ? t('coalition.members.represents', { partner: partnerName })
                : t('coalition.members.noPartner')}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {isCoordinator ? (
            <>
              <select
                aria-label={t('coalition.members.roleOf', { name: m.displayName })}
                className={selectClass}
                value={m.role}
                onChange={(e) => {
                  const role = e.target.value as Role;
                  // Observers only read: like an invitation, an observer is no broker.
                  const broker = role === 'observer' && m.broker ? { broker: false } : {};
                  update.mutate({ userId: m.userId, role, ...broker });
                }}
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
                  disabled={m.role === 'observer'}
                  onChange={(e) => update.mutate({ userId: m.userId, broker: e.target.checked })}
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
      </div>
      {isCoordinator && (
        <MemberPartnerSelect
          member={m}
          partners={partners}
          currentName={partnerName}
          pending={update.isPending}
          onChange={(partnerId) => update.mutate({ userId: m.userId, partnerId })}
        />
      )}
      {error && (
        <ErrorNote>
          {error instanceof ApiError && error.code === ErrorCode.LAST_COORDINATOR
            ? t('members.lastCoordinator')
            : error instanceof ApiError && error.status === 409
              ? t('coalition.members.conflict', { message: error.message })
              : error.message}
        </ErrorNote>
      )}
    </li>
  );
}
