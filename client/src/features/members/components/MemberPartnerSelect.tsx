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
    <label className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
      <span>{t('coalition.invite.partner')}</span>
      <select
        aria-label={t('coalition.members.partnerOf', { name: member.displayName })}
        className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm sm:max-w-xs"
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
