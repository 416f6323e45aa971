import type { WorkspaceDto } from '@coalesce/shared';
import { Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { representable } from '../../invitations/components/PartnerOptions';
import { usePartners } from '../../partners/api';
import { useMembers } from '../api';
import { MemberRow } from './MemberRow';

export function MembersList({ ws }: { ws: WorkspaceDto }) {
  const { t } = useI18n();
  const me = useMe();
  const members = useMembers(ws.id);
  const partners = usePartners(ws.id);
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));

  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t('members.title')}</h2>
      {members.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : members.isError ? (
        <ErrorNote>{t('errors.generic')}</ErrorNote>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="members">
          {members.data.items.map((m) => (
            <MemberRow
              key={m.userId}
              ws={ws}
              member={m}
              self={m.userId === me.data?.id}
              partners={representable(partners.data?.items)}
              partnerNames={names}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}
