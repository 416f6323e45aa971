import type { WorkspaceDto } from '@coalesce/shared';
import { useState } from 'react';
import { Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { BulkInviteForm } from './BulkInviteForm';
import { CopyLink, invitationLink } from './CopyLink';
import { InvitationForm } from './InvitationForm';
import { InvitationList } from './InvitationList';
import { representable } from './PartnerOptions';

export function InvitationsPanel({ ws }: { ws: WorkspaceDto }) {
  const { t } = useI18n();
  const partners = usePartners(ws.id);
  const options = representable(partners.data?.items);
  const [mode, setMode] = useState<'single' | 'bulk'>('single');
  const [link, setLink] = useState<string | null>(null);

  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t('invitations.title')}</h2>
      <div
        className="mb-3 flex gap-4 text-sm"
        role="radiogroup"
        aria-label={t('invitations.create')}
      >
        {(['single', 'bulk'] as const).map((m) => (
          <label key={m} className="flex items-center gap-2">
            <input
              type="radio"
              name="invite-mode"
              checked={mode === m}
              onChange={() => setMode(m)}
            />
            {t(`coalition.invite.${m}`)}
          </label>
        ))}
      </div>
      {mode === 'single' ? (
        <InvitationForm
          ws={ws}
          partners={options}
          onCreated={(token) => setLink(invitationLink(token))}
        />
      ) : (
        <BulkInviteForm ws={ws} partners={options} />
      )}
      {link && mode === 'single' && (
        <div className="mt-4 rounded-md bg-brand-50 p-3 ring-1 ring-brand-100">
          <p className="text-sm font-medium">{t('invitations.link')}</p>
          <div className="mt-1 flex gap-2">
            <input
              readOnly
              value={link}
              data-testid="invitation-link"
              aria-label={t('invitations.link')}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyLink
              link={link}
              label={t('invitations.link')}
              testId="invitation-link-copy"
              reveal={false}
            />
          </div>
        </div>
      )}
      <InvitationList ws={ws} />
    </Card>
  );
}
