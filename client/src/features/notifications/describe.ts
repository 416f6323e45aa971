import type { NotificationDto } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/**
 * One line in the reader's language, naming the people and partners involved, and where to go
 * to act on it. Older notifications lack some names: a neutral word stands in.
 */
export function describeNotification(n: NotificationDto, tx: Tx): { text: string; href: string } {
  const p = n.payload;
  const s = (v: unknown, fallback = '…') => (typeof v === 'string' && v ? v : fallback);
  const has = (v: unknown) => typeof v === 'string' && v !== '';
  const word = (key: string, value: unknown, fallback: string) => {
    const k = `${key}.${String(value)}`;
    const t = typeof value === 'string' ? tx(k) : k;
    return t === k ? fallback : t;
  };
  const to = (p.to ?? {}) as { role?: string };
  const roleCode = typeof p.role === 'string' ? p.role : to.role;
  const partner = s(p.partnerName, tx('notifications.aPartner'));
  const params = {
    workspace: s(p.workspaceName, ''),
    candidate: s(p.candidateName, tx('notifications.aCandidate')),
    actor: s(p.actorName, tx('notifications.someone')),
    from:
      n.kind === 'experiment_status'
        ? word('experiments.statuses', p.from, tx('notifications.aStatus'))
        : s(p.fromPartnerName, tx('notifications.aPartner')),
    to:
      n.kind === 'experiment_status'
        ? word('experiments.statuses', p.to, tx('notifications.aStatus'))
        : s(p.toPartnerName, tx('notifications.aPartner')),
    partner: has(p.actorName)
      ? tx('notifications.actorOfPartner', { actor: s(p.actorName), partner })
      : partner,
    title: s(p.title, n.subjectType === 'survey' ? '…' : tx('notifications.anExperiment')),
    text: s(p.text, ''),
    role: word('activity.roles', roleCode, word('roles', roleCode, tx('activity.roles.member'))),
    subject:
      p.subjectType === 'experiment'
        ? tx('notifications.subjects.experiment', { title: s(p.title, '…') })
        : p.subjectType === 'proposal'
          ? tx('notifications.subjects.proposal')
          : p.subjectType === 'document'
            ? p.kind === 'vision'
              ? tx('notifications.subjects.vision')
              : tx('notifications.subjects.document', { title: s(p.title, '…') })
            : tx('notifications.subjects.other'),
  };
  let key: string = n.kind;
  if (n.kind === 'proposal_outcome' && has(p.status)) {
    const k = `proposal_outcome_${s(p.status)}`;
    if (tx(`notifications.text.${k}`) !== `notifications.text.${k}`) key = k;
  }
  if (n.kind === 'connection_proposed' && has(p.actorName)) key = 'connection_proposed_by';
  if (n.kind === 'connection_response') {
    const pair = has(p.fromPartnerName) && has(p.toPartnerName);
    key = `connection_response${pair ? '_pair' : ''}${p.accept === false ? '_declined' : ''}`;
  }
  const w = `/w/${n.workspaceId}`;
  const href =
    n.subjectType === 'proposal' && n.subjectId
      ? `${w}/proposals/${n.subjectId}`
      : n.subjectType === 'connection'
        ? `${w}/connections`
        : n.subjectType === 'experiment' && n.subjectId
          ? `${w}/experiments/${n.subjectId}`
          : n.subjectType === 'document' && n.subjectId
            ? p.kind === 'vision'
              ? `${w}/vision`
              : `${w}/documents/${n.subjectId}`
            : n.subjectType === 'partner' && n.subjectId
              ? `${w}/partners/${n.subjectId}`
              : n.subjectType === 'survey' && n.subjectId
                ? `${w}/surveys/${n.subjectId}`
                : n.kind === 'invited'
                  ? '/w#invitations'
                  : w;
  return { text: tx(`notifications.text.${key}`, params), href };
}
