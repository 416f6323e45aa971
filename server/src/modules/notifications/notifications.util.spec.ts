import type { ActivityEventDto } from '@coalesce/shared';
import {
  advanceMark,
  deriveNotifications,
  emailBackoffMs,
  recipientsExcludingActor,
} from './notifications.util';
import {
  notificationLink,
  renderInvitationEmail,
  renderNotificationEmail,
} from './notification-email.util';

const W = '00000000-0000-4000-8000-00000000000a';
const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const U1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const U2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const SUBJECT = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

function event(
  type: ActivityEventDto['type'],
  payload: Record<string, unknown>,
  over: Partial<ActivityEventDto> = {},
): ActivityEventDto {
  return {
    id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
    seq: 1,
    workspaceId: W,
    type,
    actorId: U1,
    subjectType: type.split('.')[0]!,
    subjectId: SUBJECT,
    partnerIds: [],
    payload,
    createdAt: '2026-12-01T10:00:00.000Z',
    ...over,
  };
}

describe('deriveNotifications', () => {
  it('survey.opened / survey.reminded → the representatives of the partners asked (never the answers)', () => {
    const closesAt = '2026-12-20T17:00:00.000Z';
    const [opened] = deriveNotifications(
      event('survey.opened', { waveId: SUBJECT, title: 'Spring', closesAt, partnerIds: [P1, P2] }),
    );
    expect(opened).toEqual({
      kind: 'survey_opened',
      audience: { partnerIds: [P1, P2] },
      subjectType: 'survey',
      subjectId: SUBJECT,
      payload: { waveId: SUBJECT, title: 'Spring', closesAt },
      includeActor: true,
    });
    const [reminded] = deriveNotifications(
      event('survey.reminded', { title: 'Spring', closesAt, partnerIds: [P2] }, { actorId: null }),
    );
    expect(reminded).toMatchObject({ kind: 'survey_reminder', audience: { partnerIds: [P2] } });
    expect(deriveNotifications(event('survey.reminded', { partnerIds: [] }))).toEqual([]);
    expect(deriveNotifications(event('survey.response_submitted', { partnerId: P1 }))).toEqual([]);
    const mail = renderNotificationEmail(
      {
        kind: 'survey_reminder',
        workspaceId: W,
        subjectType: 'survey',
        subjectId: SUBJECT,
        payload: { title: 'Spring', closesAt, workspaceName: 'Genk' },
      },
      'nl',
      'https://coalesce.example',
    );
    expect(mail.subject).toBe('[Genk] Herinnering: de bevraging Spring sluit binnenkort');
    expect(mail.text).toContain(`https://coalesce.example/w/${W}/surveys/${SUBJECT}`);
  });

  it('proposal.opened → vote_needed for the electorate partners', () => {
    const closesAt = '2026-12-08T10:00:00.000Z';
    expect(
      deriveNotifications(
        event('proposal.opened', {
          electorate: [
            { partnerId: P1, weight: 1 },
            { partnerId: P2, weight: 2 },
          ],
          closesAt,
          tier: 'core',
          candidateName: 'Talentenstad',
          secret: 'not copied',
        }),
      ),
    ).toEqual([
      {
        kind: 'vote_needed',
        audience: { partnerIds: [P1, P2] },
        subjectType: 'proposal',
        subjectId: SUBJECT,
        payload: { proposalId: SUBJECT, candidateName: 'Talentenstad', tier: 'core', closesAt },
      },
    ]);
  });

  it('an autonomous proposal or one without an electorate asks nobody to vote', () => {
    const electorate = [{ partnerId: P1 }];
    expect(
      deriveNotifications(event('proposal.opened', { electorate, rule: 'autonomous' })),
    ).toEqual([]);
    expect(
      deriveNotifications(event('proposal.opened', { electorate, policy: { rule: 'autonomous' } })),
    ).toEqual([]);
    expect(deriveNotifications(event('proposal.opened', { electorate: [] }))).toEqual([]);
    expect(deriveNotifications(event('proposal.opened', { electorate: 'garbage' }))).toEqual([]);
  });

  it('proposal.closed → proposal_outcome for proposer and voters (payload and the log)', () => {
    const [n] = deriveNotifications(
      event(
        'proposal.closed',
        {
          outcome: { status: 'accepted', reason: 'consensus' },
          candidateName: 'Klooz',
          proposedBy: U2,
          votes: [{ partnerId: P1, castBy: U1, choice: 'yes' }, { partnerId: 'nope' }],
        },
        { actorId: null },
      ),
    );
    expect(n).toEqual({
      kind: 'proposal_outcome',
      audience: { userIds: [U2, U1], partnerIds: [P1], proposalParticipantsOf: SUBJECT },
      subjectType: 'proposal',
      subjectId: SUBJECT,
      payload: {
        proposalId: SUBJECT,
        status: 'accepted',
        reason: 'consensus',
        candidateName: 'Klooz',
      },
    });
    // With a bare payload the participants still come from the log.
    expect(deriveNotifications(event('proposal.closed', { status: 'expired' }))[0]).toMatchObject({
      audience: { userIds: [], partnerIds: [], proposalParticipantsOf: SUBJECT },
      payload: { status: 'expired' },
    });
  });

  it('an accepted proposal whose partner nobody represents → partner_unrepresented to coordinators', () => {
    const derived = deriveNotifications(
      event('proposal.closed', {
        status: 'accepted',
        candidatePartnerId: P1,
        candidateName: 'Sportclub Genk',
        partnerUnrepresented: true,
      }),
    );
    expect(derived.map((d) => d.kind)).toEqual(['partner_unrepresented', 'proposal_outcome']);
    expect(derived[0]).toEqual({
      kind: 'partner_unrepresented',
      audience: { coordinators: true },
      subjectType: 'partner',
      subjectId: P1,
      payload: { partnerId: P1, partnerName: 'Sportclub Genk', proposalId: SUBJECT },
      includeActor: true,
    });
    for (const payload of [
      { status: 'accepted', candidatePartnerId: P1, partnerUnrepresented: false },
      { status: 'rejected', candidatePartnerId: P1, partnerUnrepresented: true },
    ]) {
      expect(deriveNotifications(event('proposal.closed', payload)).map((d) => d.kind)).toEqual([
        'proposal_outcome',
      ]);
    }
  });

  it('proposal.statement_added → proposal_statement for the electorate, the voters and the proposer', () => {
    expect(
      deriveNotifications(
        event('proposal.statement_added', {
          proposalId: SUBJECT,
          electorate: [{ partnerId: P1 }, { partnerId: P2 }],
          voters: [U2],
          candidateName: 'Labiomista',
          tier: 'core',
          status: 'accepted',
          text: 'Welkom',
        }),
      ),
    ).toEqual([
      {
        kind: 'proposal_statement',
        audience: { userIds: [U2], partnerIds: [P1, P2], proposalParticipantsOf: SUBJECT },
        subjectType: 'proposal',
        subjectId: SUBJECT,
        payload: {
          proposalId: SUBJECT,
          candidateName: 'Labiomista',
          tier: 'core',
          status: 'accepted',
          text: 'Welkom',
        },
      },
    ]);
  });

  it('proposal.reminded → vote_reminder for the partners without an effective vote only', () => {
    const [n] = deriveNotifications(
      event('proposal.reminded', { proposalId: SUBJECT, partnerIds: [P2], candidateName: 'X' }),
    );
    expect(n).toMatchObject({ kind: 'vote_reminder', audience: { partnerIds: [P2] } });
    expect(deriveNotifications(event('proposal.reminded', { partnerIds: [] }))).toEqual([]);
    expect(deriveNotifications(event('proposal.extended', { to: 'x' }))).toEqual([]);
  });

  it('connection.expired → connection_expired for the broker', () => {
    expect(
      deriveNotifications(
        event(
          'connection.expired',
          { fromPartnerId: P1, toPartnerId: P2, proposedBy: U2, fromPartnerName: 'A' },
          { actorId: null },
        ),
      ),
    ).toEqual([
      {
        kind: 'connection_expired',
        audience: { userIds: [U2], connectionProposerOf: SUBJECT },
        subjectType: 'connection',
        subjectId: SUBJECT,
        payload: {
          connectionId: SUBJECT,
          fromPartnerId: P1,
          toPartnerId: P2,
          fromPartnerName: 'A',
        },
      },
    ]);
  });

  it('connection.proposed → connection_proposed for both sides', () => {
    expect(
      deriveNotifications(
        event('connection.proposed', {
          fromPartnerId: P1,
          toPartnerId: P2,
          reason: 'x'.repeat(900),
        }),
      )[0],
    ).toMatchObject({
      kind: 'connection_proposed',
      audience: { partnerIds: [P1, P2] },
      subjectType: 'connection',
      payload: {
        connectionId: SUBJECT,
        fromPartnerId: P1,
        toPartnerId: P2,
        reason: 'x'.repeat(500),
      },
    });
  });

  it('connection.responded → connection_response for the proposing broker', () => {
    expect(
      deriveNotifications(
        event('connection.responded', {
          partnerId: P2,
          partnerName: 'Sportclub Y',
          fromPartnerId: P1,
          toPartnerId: P2,
          fromPartnerName: 'Jeugdhuis X',
          toPartnerName: 'Sportclub Y',
          accept: false,
          note: 'later',
          proposedBy: U2,
        }),
      ),
    ).toEqual([
      {
        kind: 'connection_response',
        audience: { userIds: [U2], connectionProposerOf: SUBJECT },
        subjectType: 'connection',
        subjectId: SUBJECT,
        // The names, so the broker reads who answered about which pair.
        payload: {
          connectionId: SUBJECT,
          partnerId: P2,
          partnerName: 'Sportclub Y',
          fromPartnerId: P1,
          toPartnerId: P2,
          fromPartnerName: 'Jeugdhuis X',
          toPartnerName: 'Sportclub Y',
          accept: false,
          note: 'later',
        },
      },
    ]);
  });

  it('experiment.status_changed → experiment_status for its partners', () => {
    expect(
      deriveNotifications(
        event(
          'experiment.status_changed',
          { from: 'idea', to: 'running', title: 'Buurtsport', partnerIds: [P1] },
          { partnerIds: [P1, P2] },
        ),
      )[0],
    ).toMatchObject({
      kind: 'experiment_status',
      audience: { partnerIds: [P1, P2] },
      payload: { experimentId: SUBJECT, title: 'Buurtsport', from: 'idea', to: 'running' },
    });
    expect(
      deriveNotifications(event('experiment.status_changed', { from: 'idea', to: 'running' })),
    ).toEqual([]);
  });

  it('member.role_changed → role_changed for that user', () => {
    expect(
      deriveNotifications(
        event('member.role_changed', {
          userId: U2,
          from: { role: 'member', broker: false },
          to: { role: 'coordinator', broker: false },
        }),
      ),
    ).toEqual([
      {
        kind: 'role_changed',
        audience: { userIds: [U2] },
        subjectType: 'member',
        subjectId: U2,
        payload: {
          from: { role: 'member', broker: false },
          to: { role: 'coordinator', broker: false },
        },
      },
    ]);
  });

  it('invitation.created → invited only when email-bound', () => {
    expect(
      deriveNotifications(event('invitation.created', { role: 'member', emailBound: true }))[0],
    ).toMatchObject({ kind: 'invited', audience: { inviteeOf: SUBJECT } });
    expect(
      deriveNotifications(event('invitation.created', { role: 'member', emailBound: false })),
    ).toEqual([]);
  });

  it('other events and events without a usable subject notify nobody', () => {
    expect(deriveNotifications(event('workspace.stage_changed', {}))).toEqual([]);
    expect(deriveNotifications(event('vote.cast', { partnerId: P1 }))).toEqual([]);
    expect(
      deriveNotifications(event('connection.proposed', { fromPartnerId: P1 }, { subjectId: null })),
    ).toEqual([]);
  });
});

describe('recipientsExcludingActor', () => {
  it('deduplicates, drops non-ids and the actor', () => {
    expect(recipientsExcludingActor([U1, U2, U2.toUpperCase(), null, 'x'], U1)).toEqual([U2]);
    expect(recipientsExcludingActor([U1], null)).toEqual([U1]);
  });
});

describe('emailBackoffMs', () => {
  it('grows fourfold per attempt', () => {
    expect([1, 2, 3].map((a) => emailBackoffMs(a, 1000))).toEqual([1000, 4000, 16000]);
  });
});

describe('renderNotificationEmail', () => {
  const n = {
    workspaceId: W,
    kind: 'vote_needed' as const,
    subjectType: 'proposal',
    subjectId: SUBJECT,
    payload: {
      workspaceName: 'Genk',
      candidateName: 'Labiomista',
      closesAt: '2026-12-08T10:00:00Z',
    },
  };

  it('writes in the user locale with a link when PUBLIC_URL is set', () => {
    const en = renderNotificationEmail(n, 'en', 'https://coalesce.example/');
    expect(en.subject).toBe('[Genk] Your vote is needed: Labiomista');
    expect(en.text).toContain('Voting closes at 2026-12-08 10:00 UTC.');
    expect(en.text).toContain(`Open: https://coalesce.example/w/${W}/proposals/${SUBJECT}`);
    const nl = renderNotificationEmail(n, 'nl', undefined);
    expect(nl.subject).toBe('[Genk] Je stem is nodig: Labiomista');
    expect(nl.text).not.toContain('http');
  });

  it('renders every kind in both locales without newlines in the subject', () => {
    const kinds = [
      'vote_needed',
      'vote_reminder',
      'proposal_outcome',
      'connection_proposed',
      'connection_response',
      'experiment_status',
      'invited',
      'role_changed',
    ] as const;
    for (const kind of kinds) {
      for (const locale of ['nl', 'en'] as const) {
        const r = renderNotificationEmail(
          { ...n, kind, payload: { workspaceName: 'A\nB' } },
          locale,
          undefined,
        );
        expect(r.subject).not.toMatch(/[\r\n]/);
        expect(r.text.length).toBeGreaterThan(20);
      }
    }
  });

  it('links invitations to the workspace list', () => {
    expect(notificationLink({ ...n, kind: 'invited' }, 'http://x')).toBe('http://x/w');
    expect(notificationLink({ ...n, subjectType: 'member' }, 'http://x')).toBe(`http://x/w/${W}`);
  });
});

describe('advanceMark', () => {
  const ev = (seq: number, handled = true) => ({ seq, handled });

  it('moves over consecutive handled events', () => {
    expect(advanceMark(10, [ev(11), ev(12), ev(13)], 0)).toBe(13);
    expect(advanceMark(10, [], 0)).toBe(10);
  });

  it('stops before the first unhandled event', () => {
    expect(advanceMark(10, [ev(11), ev(12, false), ev(13)], 0)).toBe(11);
  });

  it('waits at a hole that may still fill, skips one that has settled', () => {
    expect(advanceMark(10, [ev(11), ev(14), ev(15)], 11)).toBe(11);
    expect(advanceMark(10, [ev(11), ev(14), ev(15)], 13)).toBe(15);
    // A hole right after the mark: the same rule.
    expect(advanceMark(10, [ev(12)], 10)).toBe(10);
    expect(advanceMark(10, [ev(12)], 11)).toBe(12);
  });
});

describe('renderInvitationEmail', () => {
  const inv = {
    workspaceName: 'Kiosk',
    token: 'tok',
    role: 'observer',
    broker: false,
    expiresAt: new Date('2026-12-13T17:00:00Z'),
  };
  it('carries the link in Dutch and English, with the role and the expiry', () => {
    const { subject, text } = renderInvitationEmail(inv, 'https://coalesce.example/');
    expect(subject).toBe('Uitnodiging voor Kiosk / Invitation to Kiosk');
    expect(text).toContain('als waarnemer deel te nemen aan Kiosk');
    expect(text).toContain('join Kiosk on Coalesce as observer');
    expect(text).toContain('geldig tot 2026-12-13 17:00 UTC');
    expect(text.match(/https:\/\/coalesce\.example\/invite\/tok/g)).toHaveLength(2);
  });
  it('names the partner the invitee will represent, in both languages', () => {
    const { text } = renderInvitationEmail(
      { ...inv, role: 'member', partnerName: 'Sportclub Genk' },
      undefined,
    );
    expect(text).toContain(
      'als lid deel te nemen aan Kiosk op Coalesce, als vertegenwoordiger van Sportclub Genk.',
    );
    expect(text).toContain('join Kiosk on Coalesce as member, representing Sportclub Genk.');
    expect(renderInvitationEmail(inv, undefined).text).not.toContain('vertegenwoordiger');
  });
  it('without PUBLIC_URL, says to sign up with this address instead of a link', () => {
    const { text } = renderInvitationEmail(inv, undefined);
    expect(text).not.toContain('/invite/');
    expect(text).toContain('Maak een account met dit e-mailadres');
    expect(text).toContain('Create an account with this email address');
  });
});
