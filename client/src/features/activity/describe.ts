import type { ActivityEventDto } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/** A piece of a sentence: plain text, or text that links to the page of what it names. */
export interface Segment {
  text: string;
  href?: string;
}

/** What the feed already knows besides the event: names of members (by user id) and partners. */
export interface DescribeContext {
  workspaceId: string;
  people: Map<string, string>;
  partners: Map<string, string>;
}

type Param = string | Segment;

/** Splits a message template on its `{name}` slots and fills them (links stay links). */
export function fillTemplate(template: string, params: Record<string, Param>): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) out.push({ text: template.slice(last, m.index) });
    const v = params[m[1]!];
    out.push(v === undefined ? { text: m[0] } : typeof v === 'string' ? { text: v } : v);
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push({ text: template.slice(last) });
  return out;
}

export const segmentsText = (s: Segment[]) => s.map((x) => x.text).join('');

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * One sentence, in the reader's language, saying who did what to whom, with links to the
 * partners, proposals, experiments and documents it names. Built from the event's payload (older
 * events lack some fields: the names the feed knows stand in, else a neutral word). Events
 * without an actor are the system's own acts (closings, admissions, expiries).
 */
export function describeEvent(e: ActivityEventDto, ctx: DescribeContext, tx: Tx): Segment[] {
  const p = obj(e.payload);
  const w = `/w/${ctx.workspaceId}`;
  const word = (key: string, value: unknown, fallback: string) => {
    const k = `${key}.${String(value)}`;
    const t = typeof value === 'string' ? tx(k) : k;
    return t === k ? tx(fallback) : t;
  };
  const partnerLink = (id: unknown, name?: unknown): Segment => {
    const pid = str(id);
    const text = (pid && ctx.partners.get(pid)) ?? str(name) ?? tx('activity.aPartner');
    return pid ? { text, href: `${w}/partners/${pid}` } : { text };
  };
  const person = (id: unknown, name?: unknown): string =>
    (str(id) && ctx.people.get(str(id)!)) ?? str(name) ?? tx('activity.someone');
  const actor =
    e.actorId === null
      ? tx('activity.system')
      : (ctx.people.get(e.actorId) ?? str(p.actorName) ?? tx('activity.formerMember'));
  const role = (r: unknown, broker: unknown) => {
    const name = word('activity.roles', r, 'activity.roles.member');
    return broker === true ? tx('activity.withBroker', { role: name }) : name;
  };
  const tier = (t: unknown) => word('activity.tiers', t, 'activity.tiers.unknown');
  const stage = (s: unknown) => word('stages', s ? `${String(s)}.name` : s, 'activity.aStage');
  // The candidate of a proposal event: its name as recorded, else the partner as known now.
  const candidatePartnerId =
    str(p.candidatePartnerId) ?? e.partnerIds.find((id) => id !== str(p.partnerId));
  const proposalId = str(p.proposalId) ?? (e.subjectType === 'proposal' ? e.subjectId : null);
  const candidate: Segment = {
    text:
      str(p.candidateName) ??
      (candidatePartnerId && ctx.partners.get(candidatePartnerId)) ??
      tx('activity.aCandidate'),
    ...(proposalId ? { href: `${w}/proposals/${proposalId}` } : {}),
  };
  const experiment: Segment = {
    text: str(p.title)
      ? tx('activity.theExperiment', { title: str(p.title)! })
      : tx('activity.anExperiment'),
    ...(e.subjectId ? { href: `${w}/experiments/${e.subjectId}` } : {}),
  };
  const documentId = str(p.documentId) ?? e.subjectId;
  const document: Segment = {
    text:
      p.titleIsDefault === true || (p.kind === 'vision' && !str(p.title))
        ? tx('activity.defaultTitles.vision')
        : str(p.title)
          ? tx('activity.theDocument', { title: str(p.title)! })
          : tx('activity.aDocument'),
    ...(documentId
      ? { href: p.kind === 'vision' ? `${w}/vision` : `${w}/documents/${documentId}` }
      : {}),
  };
  const principles = { href: `${w}/principles` };
  const from = partnerLink(p.fromPartnerId, p.fromPartnerName);
  const to = partnerLink(p.toPartnerId, p.toPartnerName);

  const version = str(p.label)
    ? tx('activity.theVersion', { label: str(p.label)! })
    : tx('activity.aVersion');
  const say = (key: string, params: Record<string, Param> = {}): Segment[] =>
    capitalise(fillTemplate(tx(`activity.event.${key}`), { actor, ...params }));

  switch (e.type) {
    case 'workspace.created':
      return str(p.name)
        ? say('workspace.created', { name: str(p.name)! })
        : say('workspace.created_unnamed');
    case 'workspace.updated': {
      const name = obj(p.name);
      if (str(name.to)) {
        return say('workspace.renamed', { from: str(name.from) ?? '', to: str(name.to)! });
      }
      return say(p.description ? 'workspace.described' : 'workspace.updated');
    }
    case 'workspace.stage_changed':
      return p.from
        ? say('workspace.stage_changed', { from: stage(p.from), to: stage(p.to) })
        : say('workspace.stage_set', { to: stage(p.to) });
    case 'member.joined': {
      const member = person(p.userId ?? e.subjectId, p.displayName);
      const params = { member, role: role(p.role, p.broker) };
      const key = p.via === 'workspace_created' ? 'member.founded' : 'member.joined';
      return p.partnerId
        ? say(`${key}_for`, { ...params, partner: partnerLink(p.partnerId) })
        : say(key, params);
    }
    case 'member.role_changed': {
      const target = obj(p.to);
      const before = obj(p.from);
      const self = (str(p.userId) ?? e.subjectId) === e.actorId;
      if (before.role === target.role && before.broker !== target.broker) {
        const member = person(p.userId ?? e.subjectId);
        if (target.broker !== true) return say('member.broker_off', { member });
        return say(self ? 'member.broker_on_self' : 'member.broker_on', { member });
      }
      return say(self ? 'member.role_changed_self' : 'member.role_changed', {
        member: person(p.userId ?? e.subjectId),
        role: role(target.role, target.broker),
      });
    }
    case 'member.updated': {
      const link = obj(p.partnerId);
      const member = person(p.userId ?? e.subjectId);
      if (str(link.to)) {
        const self = (str(p.userId) ?? e.subjectId) === e.actorId;
        return say(self ? 'member.linked_self' : 'member.linked', {
          member,
          partner: partnerLink(link.to),
        });
      }
      if (str(link.from))
        return say('member.unlinked', { member, partner: partnerLink(link.from) });
      return say('member.updated', { member });
    }
    case 'member.left': {
      const member = person(p.userId ?? e.subjectId, p.displayName);
      return p.removed ? say('member.removed', { member }) : say('member.left', { member });
    }
    case 'invitation.created':
      return e.partnerIds[0]
        ? say('invitation.created_for', {
            role: role(p.role, p.broker),
            partner: partnerLink(e.partnerIds[0]),
          })
        : say('invitation.created', { role: role(p.role, p.broker) });
    case 'invitation.revoked':
      return say('invitation.revoked');
    case 'invitation.declined':
      return say('invitation.declined', { role: role(p.role, p.broker) });
    case 'partner.added': {
      const partner = partnerLink(e.subjectId, p.name);
      if (p.via === 'proposal') {
        return say('partner.admitted', {
          partner,
          tier: tier(p.tier),
          proposal: proposalLink(w, p.proposalId, tx),
        });
      }
      return say('partner.added', { partner, tier: tier(p.tier) });
    }
    case 'partner.updated': {
      const partner = partnerLink(e.subjectId, p.name);
      const changes = obj(p.changes);
      if (p.via === 'proposal') {
        const proposal = proposalLink(w, p.proposalId, tx);
        if (changes.tier) {
          return say('partner.tier_changed', {
            partner,
            tier: tier(obj(changes.tier).to),
            proposal,
          });
        }
        return say('partner.not_admitted', { partner, proposal });
      }
      const renamed = obj(changes.name);
      if (str(renamed.from) && str(renamed.to)) {
        return say('partner.renamed', { from: str(renamed.from)!, partner });
      }
      return say('partner.updated', { partner });
    }
    case 'partner.left': {
      const partner = partnerLink(e.subjectId, p.name);
      return str(p.reason)
        ? say('partner.left_because', { partner, reason: str(p.reason)! })
        : say('partner.left', { partner });
    }
    case 'partner.research_consent_changed': {
      const partner = partnerLink(e.subjectId, p.partnerName);
      return p.to === true
        ? say('partner.research_named', { partner })
        : say('partner.research_unnamed', { partner });
    }
    case 'policy.changed': {
      const before = obj(p.from);
      const after = obj(p.to);
      const rule = (r: unknown) => word('activity.rules', r, 'activity.rules.unknown');
      const params = { tier: tier(p.tier), stage: stage(p.stage) };
      return before.rule !== after.rule
        ? say('policy.rule_changed', { ...params, from: rule(before.rule), to: rule(after.rule) })
        : say('policy.changed', { ...params, rule: rule(after.rule) });
    }
    case 'proposal.opened':
      return say('proposal.opened', { candidate, tier: tier(p.tier) });
    case 'vote.cast': {
      const choice = str(p.choice) ?? 'yes';
      const key = `vote.${p.replaced ? 'changed' : 'cast'}_${['yes', 'no', 'abstain'].includes(choice) ? choice : 'yes'}`;
      const voter = str(p.partnerId) ? partnerLink(p.partnerId) : undefined;
      const out = voter
        ? say(`${key}_for`, { candidate, partner: voter })
        : say(key, { candidate });
      return str(p.reason)
        ? [...out, ...fillTemplate(tx('activity.because'), { reason: str(p.reason)! })]
        : out;
    }
    case 'advice.given':
      return str(p.partnerId)
        ? say('advice.given_for', { candidate, partner: partnerLink(p.partnerId) })
        : say('advice.given', { candidate });
    case 'proposal.closed': {
      const status = str(p.status) ?? str(obj(p.outcome).status) ?? 'expired';
      const reason = word(
        'activity.reasons',
        str(p.reason) ?? obj(p.outcome).reason,
        'activity.reasons.unknown',
      );
      if (status === 'withdrawn') return say('proposal.withdrawn', { candidate });
      if (e.actorId !== null) {
        return say(status === 'accepted' ? 'proposal.decided_yes' : 'proposal.decided_no', {
          candidate,
        });
      }
      const key = ['accepted', 'rejected'].includes(status) ? status : 'expired';
      return say(`proposal.closed_${key}`, { candidate, reason });
    }
    case 'proposal.statement_added':
      return capitalise(
        fillTemplate(tx('deliberation.event.statement_added'), { actor, candidate }),
      );
    case 'proposal.reminded':
      return capitalise(
        fillTemplate(tx('deliberation.event.reminded'), {
          actor,
          candidate,
          count: String(Array.isArray(p.partnerIds) ? p.partnerIds.length : 0),
        }),
      );
    case 'proposal.extended':
      return capitalise(
        fillTemplate(tx('deliberation.event.extended'), {
          actor,
          candidate,
          date: str(p.to) ? str(p.to)!.slice(0, 16).replace('T', ' ') : '…',
        }),
      );
    case 'delegation.set':
    case 'delegation.revoked':
      return capitalise(
        fillTemplate(
          tx(
            `deliberation.event.${e.type === 'delegation.set' ? 'delegation_set' : 'delegation_revoked'}`,
          ),
          {
            actor,
            partner: partnerLink(p.partnerId ?? e.subjectId, p.partnerName),
            to: partnerLink(p.toPartnerId, p.toPartnerName),
          },
        ),
      );
    case 'principle.created':
      return say('principle.created', { principle: principleLink(p.title, principles, tx) });
    case 'principle.updated': {
      const changes = obj(p.changes);
      const title = obj(changes.title);
      if (str(title.from) && str(title.to)) {
        return say('principle.renamed', {
          principle: principleLink(title.from, principles, tx),
          to: str(title.to)!,
        });
      }
      const principle = principleLink(p.title, principles, tx);
      return changes.order && !changes.description
        ? say('principle.moved', { principle })
        : say('principle.updated', { principle });
    }
    case 'principle.deleted':
      return say('principle.deleted', { principle: principleLink(p.title, {}, tx) });
    case 'experiment.created':
      return say('experiment.created', { experiment });
    case 'experiment.updated':
      return say('experiment.updated', { experiment });
    case 'experiment.status_changed': {
      const status = (s: unknown) => word('experiments.statuses', s, 'activity.aStatus');
      return say('experiment.status_changed', {
        experiment,
        from: status(p.from),
        to: status(p.to),
      });
    }
    case 'experiment.learning_added':
      return str(p.text)
        ? say('experiment.learning_added', { experiment, text: str(p.text)! })
        : say('experiment.learning_added_plain', { experiment });
    case 'connection.proposed':
      return say('connection.proposed', { from, to });
    case 'connection.responded': {
      const answer = p.accept === false ? 'declined' : 'accepted';
      return str(p.partnerId)
        ? say(`connection.responded_${answer}_for`, {
            from,
            to,
            partner: partnerLink(p.partnerId, p.partnerName),
          })
        : say(`connection.responded_${answer}`, { from, to });
    }
    case 'connection.accepted':
      return say('connection.accepted', { from, to });
    case 'connection.declined':
      return say('connection.declined', { from, to });
    case 'document.created':
      return say('document.created', { document });
    case 'document.version_created':
      return say('document.version_created', { document, version });
    case 'document.restored':
      return say('document.restored', { document, version });
    case 'thread.opened':
    case 'comment.added':
    case 'comment.edited':
    case 'comment.deleted':
    case 'thread.resolved':
    case 'thread.reopened': {
      const subject = threadSubjectLink(p, ctx, tx);
      if (e.type === 'thread.opened' && str(p.quote)) {
        return say('thread.opened_quote', { subject, quote: str(p.quote)! });
      }
      if (e.type === 'comment.deleted' && p.threadDeleted === true) {
        return say('comment.deleted_thread', { subject });
      }
      return say(e.type, { subject });
    }
    case 'survey.scheduled':
    case 'survey.opened':
    case 'survey.response_submitted':
    case 'survey.reminded':
    case 'survey.closed': {
      const waveId = str(p.waveId) ?? e.subjectId;
      const survey: Segment = {
        text: str(p.title)
          ? tx('surveys.activity.theSurvey', { title: str(p.title)! })
          : tx('surveys.activity.aSurvey'),
        ...(waveId ? { href: `${w}/surveys/${waveId}` } : {}),
      };
      const key =
        e.type === 'survey.response_submitted' && p.revised === true
          ? 'response_revised'
          : e.type.slice('survey.'.length);
      return capitalise(
        fillTemplate(tx(`surveys.activity.${key}`), {
          actor,
          survey,
          partner: partnerLink(p.partnerId, p.partnerName),
        }),
      );
    }
  }
  return describeOther(e, { actor, from, to, experiment, say, tx });
}

/**
 * Types this client does not know yet (a newer server): the ones announced by the other parts of
 * the product get a sentence already; anything else says who changed which area, never a code.
 */
function describeOther(
  e: ActivityEventDto,
  s: {
    actor: string;
    from: Segment;
    to: Segment;
    experiment: Segment;
    say: (key: string, params?: Record<string, Param>) => Segment[];
    tx: Tx;
  },
): Segment[] {
  const type: string = e.type;
  if (type === 'connection.expired') return s.say('connection.expired', { from: s.from, to: s.to });
  if (type === 'experiment.deleted')
    return s.say('experiment.deleted', { experiment: s.experiment });
  const prefix = type.split('.')[0] ?? '';
  const areaKey = `activity.types.${prefix}`;
  const area = s.tx(areaKey);
  return s.say('fallback', { area: area === areaKey ? s.tx('activity.types.workspace') : area });
}

/** What a discussion is about (the thread's subject, from the event payload), linked to its page. */
function threadSubjectLink(p: Record<string, unknown>, ctx: DescribeContext, tx: Tx): Segment {
  const w = `/w/${ctx.workspaceId}`;
  const id = str(p.subjectId);
  switch (p.subjectType) {
    case 'proposal': {
      const name = str(p.candidatePartnerId) && ctx.partners.get(str(p.candidatePartnerId)!);
      const text = name
        ? tx('activity.theProposalFor', { candidate: name })
        : tx('activity.theProposal');
      return id ? { text, href: `${w}/proposals/${id}` } : { text };
    }
    case 'experiment': {
      const text = str(p.title)
        ? tx('activity.theExperiment', { title: str(p.title)! })
        : tx('activity.anExperiment');
      return id ? { text, href: `${w}/experiments/${id}` } : { text };
    }
    default: {
      const vision = p.kind === 'vision';
      const text =
        p.titleIsDefault === true || (vision && !str(p.title))
          ? tx('activity.defaultTitles.vision')
          : str(p.title)
            ? tx('activity.theDocument', { title: str(p.title)! })
            : tx('activity.aDocument');
      return id ? { text, href: vision ? `${w}/vision` : `${w}/documents/${id}` } : { text };
    }
  }
}

function proposalLink(w: string, id: unknown, tx: Tx): Segment {
  const text = tx('activity.theProposal');
  return str(id) ? { text, href: `${w}/proposals/${str(id)!}` } : { text };
}

function principleLink(title: unknown, link: { href?: string }, tx: Tx): Segment {
  return {
    text: str(title)
      ? tx('activity.thePrinciple', { title: str(title)! })
      : tx('activity.aPrinciple'),
    ...link,
  };
}

/** A sentence may start with a name in lower case ("a partner"): the first letter goes up. */
function capitalise(s: Segment[]): Segment[] {
  const [first, ...rest] = s;
  if (!first?.text) return s;
  return [{ ...first, text: first.text.charAt(0).toUpperCase() + first.text.slice(1) }, ...rest];
}
