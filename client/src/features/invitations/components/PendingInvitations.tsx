import type { MyInvitationDto } from '@coalesce/shared';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Badge, Button, Card, ErrorNote } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import {
  useAcceptMyInvitation,
  useDeclineMyInvitation,
  useLiveMyInvitations,
  useMyInvitations,
} from '../api';
import { explainInvitationError } from '../explain';

/**
 * The signed-in user's pending email-bound invitations, with Accept and Decline: the in-app way
 * in for someone invited by email (the `invited` notification links to `/w#invitations`).
 * Renders nothing while there are none.
 */
export function PendingInvitations() {
  const { t, tx } = useI18n();
  const fmt = useDateFormat();
  const list = useMyInvitations();
  const accept = useAcceptMyInvitation();
  const decline = useDeclineMyInvitation();
  const navigate = useNavigate();
  const location = useLocation();
  const section = useRef<HTMLDivElement>(null);
  // Kept apart from the rows: the invitation a refusal is about may be gone from the refreshed list.
  const [problem, setProblem] = useState<string | null>(null);
  useLiveMyInvitations();

  const items = list.data?.items ?? [];
  const shown = items.length > 0 || list.isError || problem !== null;
  useEffect(() => {
    if (location.hash === '#invitations' && shown) {
      section.current?.scrollIntoView({ block: 'start' });
    }
  }, [location.hash, location.key, shown]);

  if (!shown) return null;
  const busy = accept.isPending || decline.isPending;
  const onAccept = (inv: MyInvitationDto) => {
    setProblem(null);
    accept.mutate(inv.id, {
      onSuccess: (m) => navigate(`/w/${m.workspaceId}`),
      onError: (err) => setProblem(explainInvitationError(err, t)),
    });
  };
  const onDecline = (inv: MyInvitationDto) => {
    if (!window.confirm(t('invitations.confirmDecline', { workspace: inv.workspaceName }))) return;
    setProblem(null);
    decline.mutate(inv.id, { onError: (err) => setProblem(explainInvitationError(err, t)) });
  };

  return (
    <div id="invitations" ref={section} className="scroll-mt-4" data-testid="my-invitations">
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t('invitations.pending')}</h2>
        {list.isError && <ErrorNote>{explainInvitationError(list.error, t)}</ErrorNote>}
        {problem && <ErrorNote>{problem}</ErrorNote>}
        <ul className="divide-y divide-slate-100">
          {items.map((inv) => (
            <li
              key={inv.id}
              className="flex flex-wrap items-center justify-between gap-3 py-3"
              aria-label={inv.workspaceName}
            >
              <div className="min-w-0">
                <p className="font-semibold">{inv.workspaceName}</p>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  <Badge>{tx(`roles.${inv.role}`)}</Badge>
                  {inv.broker && <Badge tone="indigo">{t('roles.broker')}</Badge>}
                  {inv.invitedByName && (
                    <span>{t('invitations.invitedBy', { name: inv.invitedByName })}</span>
                  )}
                  <span>
                    {t('invitations.expires', { date: fmt.format(new Date(inv.expiresAt)) })}
                  </span>
                </p>
              </div>
              <div className="flex gap-2">
                <Button size="sm" disabled={busy} onClick={() => onAccept(inv)}>
                  {t('invitations.acceptShort')}
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={busy}
                  onClick={() => onDecline(inv)}
                >
                  {t('invitations.decline')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
