import type { NotificationDto } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/** One line in the reader's language, and where to go to act on it. */
export function describeNotification(n: NotificationDto, tx: Tx): { text: string; href: string } {
  const p = n.payload;
  const s = (v: unknown, fallback = '…') => (typeof v === 'string' && v ? v : fallback);
  const to = (p.to ?? {}) as { role?: string };
  const params = {
    workspace: s(p.workspaceName, ''),
    candidate: s(p.candidateName),
    status:
      n.kind === 'experiment_status'
        ? tx(`experiments.statuses.${s(p.to)}`)
        : tx(`proposals.statuses.${s(p.status)}`),
    from: s(p.fromPartnerName),
    to: s(p.toPartnerName),
    partner: s(p.partnerName),
    answer: p.accept ? tx('connections.accepted') : tx('connections.declined'),
    title: s(p.title),
    role: tx(`roles.${s(typeof p.role === 'string' ? p.role : to.role, 'member')}`),
  };
  const w = `/w/${n.workspaceId}`;
  const href =
    n.subjectType === 'proposal' && n.subjectId
      ? `${w}/proposals/${n.subjectId}`
      : n.subjectType === 'connection'
        ? `${w}/connections`
        : n.subjectType === 'experiment' && n.subjectId
          ? `${w}/experiments/${n.subjectId}`
          : n.subjectType === 'partner' && n.subjectId
            ? `${w}/partners/${n.subjectId}`
            : n.kind === 'invited'
              ? '/w#invitations'
              : w;
  return { text: tx(`notifications.text.${n.kind}`, params), href };
}
