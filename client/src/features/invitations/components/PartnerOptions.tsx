import type { PartnerDto as Partner } from '@coalesce/shared';
import { useI18n } from '../../../i18n/i18n';

/** "No partner" and the partners someone may represent (active ones and candidates). */
export function PartnerOptions({ partners }: { partners: Partner[] }) {
  const { t } = useI18n();
  return (
    <>
      <option value="">{t('coalition.invite.noPartner')}</option>
      {partners.map((p) => (
        <option key={p.id} value={p.id}>
          {p.status === 'candidate' ? t('coalition.members.candidate', { name: p.name }) : p.name}
        </option>
      ))}
    </>
  );
}

/** Partners a member may represent: active ones and candidates, not those that left. */
export const representable = (partners: readonly Partner[] | undefined) =>
  (partners ?? []).filter((p) => p.status === 'active' || p.status === 'candidate');
