import type { MemberDto } from '@coalesce/shared';
import type { PartnerDto as Partner } from '@coalesce/shared';
import { useI18n } from '../../../i18n/i18n';

/** The coordinator's control for the partner a member speaks (and votes) for. */
export function MemberPartnerSelect({
  member,
  partners,
  currentName,
  pending,
  onChange,
}: {
  member: MemberDto;
  partners: Partner[];
  /** Name of the member's partner, shown even when it can no longer be chosen (it left). */
  currentName: string | null;
  pending: boolean;
  onChange(partnerId: string | null): void;
}) {
  const { t } = useI18n();
  return (
    // Label above a full-width select on phones: side by side, a long partner name was cut off.
    <label className="flex flex-col gap-1 text-sm text-slate-600 sm:flex-row sm:items-center sm:gap-2">
      <span>{t('coalition.invite.partner')}</span>
      <select
        aria-label={t('coalition.members.partnerOf', { name: member.displayName })}
        className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm sm:w-auto sm:min-w-0 sm:max-w-xs sm:flex-1"
        value={member.partnerId ?? ''}
        disabled={pending}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{t('coalition.members.none')}</option>
        {member.partnerId && !partners.some((p) => p.id === member.partnerId) && (
          <option value={member.partnerId} disabled>
            {currentName ?? '…'}
          </option>
        )}
        {partners.map((p) => (
          <option key={p.id} value={p.id}>
            {p.status === 'candidate' ? t('coalition.members.candidate', { name: p.name }) : p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
