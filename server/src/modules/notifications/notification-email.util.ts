import type { Locale, NotificationKind } from '@coalesce/shared';

export interface EmailNotification {
  workspaceId: string;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
}

export interface RenderedEmail {
  subject: string;
  text: string;
}

const s = (v: unknown, fallback: string) =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : fallback;

const PLURAL: Record<string, string> = {
  proposal: 'proposals',
  connection: 'connections',
  experiment: 'experiments',
  partner: 'partners',
  document: 'documents',
  survey: 'surveys',
};

/** Where the notification leads in the web client (`/w/:wid/...`), when PUBLIC_URL is set. */
export function notificationLink(n: EmailNotification, publicUrl: string | undefined) {
  if (!publicUrl) return undefined;
  const base = publicUrl.replace(/\/+$/, '');
  if (n.kind === 'invited') return `${base}/w`;
  const plural = PLURAL[n.subjectType];
  return plural && n.subjectId
    ? `${base}/w/${n.workspaceId}/${plural}/${n.subjectId}`
    : `${base}/w/${n.workspaceId}`;
}

type Texts = (p: Record<string, unknown>, ws: string) => { subject: string; body: string };

const OUTCOME: Record<Locale, Record<string, string>> = {
  en: { accepted: 'accepted', rejected: 'rejected', withdrawn: 'withdrawn', expired: 'expired' },
  nl: {
    accepted: 'aanvaard',
    rejected: 'afgewezen',
    withdrawn: 'ingetrokken',
    expired: 'verlopen',
  },
};

const closes = (p: Record<string, unknown>, locale: Locale) => {
  const at = typeof p.closesAt === 'string' ? new Date(p.closesAt) : undefined;
  if (!at || Number.isNaN(at.getTime())) return '';
  const when = at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return locale === 'nl' ? ` De stemming sluit op ${when}.` : ` Voting closes at ${when}.`;
};

const ABOUT: Record<Locale, Record<string, string>> = {
  en: {
    proposal: 'about a proposal ',
    experiment: 'about an experiment ',
    document: 'on a document ',
  },
  nl: {
    proposal: 'over een voorstel ',
    experiment: 'over een experiment ',
    document: 'bij een document ',
  },
};

/** A comment in an email: mentions (`<@id>`) as `@`, at most 200 characters. */
const plain = (v: unknown) =>
  s(typeof v === 'string' ? v.replace(/<@[0-9a-f-]{36}>/gi, '@…') : '', '');

const surveyCloses = (p: Record<string, unknown>, locale: Locale) => {
  const at = typeof p.closesAt === 'string' ? new Date(p.closesAt) : undefined;
  if (!at || Number.isNaN(at.getTime())) return '';
  const when = at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return locale === 'nl' ? ` Ze sluit op ${when}.` : ` It closes at ${when}.`;
};

const TEXTS: Record<Locale, Record<NotificationKind, Texts>> = {
  en: {
    vote_needed: (p, ws) => ({
      subject: `[${ws}] Your vote is needed: ${s(p.candidateName, 'a new partner')}`,
      body: `A proposal to admit ${s(p.candidateName, 'a new partner')} opened in ${ws}. Your partner is asked to vote.${closes(p, 'en')}`,
    }),
    vote_reminder: (p, ws) => ({
      subject: `[${ws}] Reminder: vote on ${s(p.candidateName, 'the proposal')}`,
      body: `Your partner has not voted yet on admitting ${s(p.candidateName, 'a new partner')} in ${ws}.${closes(p, 'en')}`,
    }),
    proposal_outcome: (p, ws) => ({
      subject: `[${ws}] Proposal ${OUTCOME.en[s(p.status, '')] ?? 'closed'}: ${s(p.candidateName, 'a partner')}`,
      body: `The proposal to admit ${s(p.candidateName, 'a partner')} in ${ws} was ${OUTCOME.en[s(p.status, '')] ?? 'closed'}.`,
    }),
    connection_proposed: (p, ws) => ({
      subject: `[${ws}] A connection was proposed to your partner`,
      body: `A broker in ${ws} proposed to connect ${s(p.fromPartnerName, 'two partners')}${p.toPartnerName ? ` and ${s(p.toPartnerName, '')}` : ''}. Please respond.`,
    }),
    connection_response: (p, ws) => ({
      subject: `[${ws}] A partner responded to your connection`,
      body: `${s(p.partnerName, 'A partner')} ${p.accept === false ? 'declined' : 'accepted'} the connection you proposed${p.fromPartnerName && p.toPartnerName ? ` between ${s(p.fromPartnerName, '')} and ${s(p.toPartnerName, '')}` : ''} in ${ws}.`,
    }),
    experiment_status: (p, ws) => ({
      subject: `[${ws}] Experiment ${s(p.title, '')} is now ${s(p.to, 'updated')}`.replace(
        '  ',
        ' ',
      ),
      body: `The experiment ${s(p.title, '')} in ${ws} moved from ${s(p.from, '?')} to ${s(p.to, '?')}.`,
    }),
    invited: (p, ws) => ({
      subject: `You were invited to ${ws}`,
      body: `You were invited to join ${ws} on Coalesce as ${s(p.role, 'member')}.`,
    }),
    role_changed: (p, ws) => ({
      subject: `[${ws}] Your role changed`,
      body: `Your role in ${ws} is now ${s(obj(p.to).role, 'updated')}${obj(p.to).broker === true ? ' (broker)' : ''}.`,
    }),
    partner_unrepresented: (p, ws) => ({
      subject: `[${ws}] ${s(p.partnerName, 'A new partner')} has no representative yet`,
      body: `${s(p.partnerName, 'A new partner')} was admitted to ${ws} and has no representative yet. Link a member to it or invite someone to represent it.`,
    }),
    mentioned: (p, ws) => ({
      subject: `[${ws}] You were mentioned in a discussion`,
      body: `${s(p.actorName, 'Someone')} mentioned you in a discussion ${ABOUT.en[s(p.subjectType, '')] ?? ''}in ${ws}: “${plain(p.text)}”`,
    }),
    connection_expired: (p, ws) => ({
      subject: `[${ws}] A connection you proposed expired`,
      body: `Nobody answered the connection you proposed between ${s(p.fromPartnerName, 'two partners')}${p.toPartnerName ? ` and ${s(p.toPartnerName, '')}` : ''} in ${ws}, so it expired.`,
    }),
    proposal_statement: (p, ws) => ({
      subject: `[${ws}] A statement on the decision about ${s(p.candidateName, 'a partner')}`,
      body: `The proposer wrote about the outcome of the proposal to admit ${s(p.candidateName, 'a partner')} in ${ws}: ${s(p.text, '')}`,
    }),
    survey_opened: (p, ws) => ({
      subject: `[${ws}] Survey: ${s(p.title, 'how do the partners work together?')}`,
      body: `A survey wave opened in ${ws}: your partner is asked how it works with the other partners.${surveyCloses(p, 'en')}`,
    }),
    survey_reminder: (p, ws) => ({
      subject: `[${ws}] Reminder: the survey ${s(p.title, '')} closes soon`.replace('  ', ' '),
      body: `Your partner has not answered the survey ${s(p.title, '')} in ${ws} yet.${surveyCloses(p, 'en')}`,
    }),
  },
  nl: {
    vote_needed: (p, ws) => ({
      subject: `[${ws}] Je stem is nodig: ${s(p.candidateName, 'een nieuwe partner')}`,
      body: `In ${ws} is een voorstel geopend om ${s(p.candidateName, 'een nieuwe partner')} toe te laten. Je partner wordt gevraagd te stemmen.${closes(p, 'nl')}`,
    }),
    vote_reminder: (p, ws) => ({
      subject: `[${ws}] Herinnering: stem over ${s(p.candidateName, 'het voorstel')}`,
      body: `Je partner heeft nog niet gestemd over de toetreding van ${s(p.candidateName, 'een nieuwe partner')} in ${ws}.${closes(p, 'nl')}`,
    }),
    proposal_outcome: (p, ws) => ({
      subject: `[${ws}] Voorstel ${OUTCOME.nl[s(p.status, '')] ?? 'gesloten'}: ${s(p.candidateName, 'een partner')}`,
      body: `Het voorstel om ${s(p.candidateName, 'een partner')} toe te laten in ${ws} is ${OUTCOME.nl[s(p.status, '')] ?? 'gesloten'}.`,
    }),
    connection_proposed: (p, ws) => ({
      subject: `[${ws}] Er is een verbinding voorgesteld met je partner`,
      body: `Een makelaar in ${ws} stelt voor om ${s(p.fromPartnerName, 'twee partners')}${p.toPartnerName ? ` en ${s(p.toPartnerName, '')}` : ''} te verbinden. Reageer je?`,
    }),
    connection_response: (p, ws) => ({
      subject: `[${ws}] Een partner reageerde op je verbinding`,
      body: `${s(p.partnerName, 'Een partner')} heeft de verbinding die je voorstelde${p.fromPartnerName && p.toPartnerName ? ` tussen ${s(p.fromPartnerName, '')} en ${s(p.toPartnerName, '')}` : ''} in ${ws} ${p.accept === false ? 'afgewezen' : 'aanvaard'}.`,
    }),
    experiment_status: (p, ws) => ({
      subject: `[${ws}] Experiment ${s(p.title, '')} is nu ${s(p.to, 'gewijzigd')}`.replace(
        '  ',
        ' ',
      ),
      body: `Het experiment ${s(p.title, '')} in ${ws} ging van ${s(p.from, '?')} naar ${s(p.to, '?')}.`,
    }),
    invited: (p, ws) => ({
      subject: `Je bent uitgenodigd voor ${ws}`,
      body: `Je bent uitgenodigd om als ${s(p.role, 'member')} deel te nemen aan ${ws} op Coalesce.`,
    }),
    role_changed: (p, ws) => ({
      subject: `[${ws}] Je rol is gewijzigd`,
      body: `Je rol in ${ws} is nu ${s(obj(p.to).role, 'gewijzigd')}${obj(p.to).broker === true ? ' (makelaar)' : ''}.`,
    }),
    partner_unrepresented: (p, ws) => ({
      subject: `[${ws}] ${s(p.partnerName, 'Een nieuwe partner')} heeft nog geen vertegenwoordiger`,
      body: `${s(p.partnerName, 'Een nieuwe partner')} is toegelaten in ${ws} en heeft nog geen vertegenwoordiger. Koppel er een lid aan of nodig iemand uit om de partner te vertegenwoordigen.`,
    }),
    mentioned: (p, ws) => ({
      subject: `[${ws}] Je bent genoemd in een gesprek`,
      body: `${s(p.actorName, 'Iemand')} noemde je in een gesprek ${ABOUT.nl[s(p.subjectType, '')] ?? ''}in ${ws}: “${plain(p.text)}”`,
    }),
    connection_expired: (p, ws) => ({
      subject: `[${ws}] Een verbinding die je voorstelde is verlopen`,
      body: `Niemand reageerde op de verbinding die je voorstelde tussen ${s(p.fromPartnerName, 'twee partners')}${p.toPartnerName ? ` en ${s(p.toPartnerName, '')}` : ''} in ${ws}, dus ze is verlopen.`,
    }),
    proposal_statement: (p, ws) => ({
      subject: `[${ws}] Een toelichting bij het besluit over ${s(p.candidateName, 'een partner')}`,
      body: `De indiener schreef over de uitkomst van het voorstel om ${s(p.candidateName, 'een partner')} toe te laten in ${ws}: ${s(p.text, '')}`,
    }),
    survey_opened: (p, ws) => ({
      subject: `[${ws}] Bevraging: ${s(p.title, 'hoe werken de partners samen?')}`,
      body: `In ${ws} is een bevraging geopend: je partner wordt gevraagd hoe ze met de andere partners samenwerkt.${surveyCloses(p, 'nl')}`,
    }),
    survey_reminder: (p, ws) => ({
      subject: `[${ws}] Herinnering: de bevraging ${s(p.title, '')} sluit binnenkort`.replace(
        '  ',
        ' ',
      ),
      body: `Je partner heeft de bevraging ${s(p.title, '')} in ${ws} nog niet ingevuld.${surveyCloses(p, 'nl')}`,
    }),
  },
};

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A short plain-text email in the user's locale (subject on one line, never over 250 chars). */
export function renderNotificationEmail(
  n: EmailNotification,
  locale: Locale,
  publicUrl: string | undefined,
): RenderedEmail {
  const lang: Locale = locale === 'nl' ? 'nl' : 'en';
  const ws = s(n.payload.workspaceName, 'Coalesce');
  const { subject, body } = TEXTS[lang][n.kind](n.payload, ws);
  const link = notificationLink(n, publicUrl);
  const open = lang === 'nl' ? 'Openen' : 'Open';
  const footer =
    lang === 'nl'
      ? 'Je krijgt deze e-mail van Coalesce. Meldingen kies je in je profiel.'
      : 'You get this email from Coalesce. Choose your notifications in your profile.';
  return {
    subject: subject.replace(/[\r\n]+/g, ' ').slice(0, 250),
    text: [body, link ? `${open}: ${link}` : undefined, '', '—', footer]
      .filter((l) => l !== undefined)
      .join('\n'),
  };
}

export interface InvitationEmail {
  workspaceName: string;
  token: string;
  role: string;
  broker: boolean;
  expiresAt: Date;
  /** The partner the invitee will represent, when the invitation names one. */
  partnerName?: string | null;
}

const ROLE_WORDS: Record<Locale, Record<string, string>> = {
  en: { coordinator: 'coordinator', member: 'member', observer: 'observer' },
  nl: { coordinator: 'coördinator', member: 'lid', observer: 'waarnemer' },
};

/**
 * The email to an invited address without an account. Nobody's language is known yet, so it is
 * in Dutch and English. With PUBLIC_URL it carries the invitation link; without, it says to
 * sign up with this address, where the invitation waits under the networks.
 */
export function renderInvitationEmail(
  inv: InvitationEmail,
  publicUrl: string | undefined,
): RenderedEmail {
  const ws = s(inv.workspaceName, 'Coalesce');
  const base = publicUrl?.replace(/\/+$/, '');
  const link = base ? `${base}/invite/${inv.token}` : undefined;
  const until = inv.expiresAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const as = (lang: Locale) =>
    (ROLE_WORDS[lang][inv.role] ?? inv.role) +
    (inv.broker ? (lang === 'nl' ? ' en makelaar' : ' and broker') : '');
  const partner = inv.partnerName ? s(inv.partnerName, '') : '';
  const nl = [
    `Je bent uitgenodigd om als ${as('nl')} deel te nemen aan ${ws} op Coalesce` +
      (partner ? `, als vertegenwoordiger van ${partner}.` : '.'),
    link
      ? `Open deze link, maak een account met dit e-mailadres en aanvaard de uitnodiging (geldig tot ${until}):`
      : `Maak een account met dit e-mailadres; je vindt de uitnodiging dan bij je netwerken (geldig tot ${until}).`,
    ...(link ? [link] : []),
  ];
  const en = [
    `You are invited to join ${ws} on Coalesce as ${as('en')}` +
      (partner ? `, representing ${partner}.` : '.'),
    link
      ? `Open this link, create an account with this email address and accept the invitation (valid until ${until}):`
      : `Create an account with this email address; the invitation then waits on your networks page (valid until ${until}).`,
    ...(link ? [link] : []),
  ];
  return {
    subject: `Uitnodiging voor ${ws} / Invitation to ${ws}`.replace(/[\r\n]+/g, ' ').slice(0, 250),
    text: [...nl, '', ...en, '', '—', 'Coalesce'].join('\n'),
  };
}
