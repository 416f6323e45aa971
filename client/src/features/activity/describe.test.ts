import { ACTIVITY_EVENT_TYPES, LOCALES, type ActivityEventDto } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { describeEvent, segmentsText, type DescribeContext } from './describe';

const W = '00000000-0000-4000-8000-000000000001';
const ANNA = '00000000-0000-4000-8000-00000000000a';
const BRAM = '00000000-0000-4000-8000-00000000000b';
const GENK = '00000000-0000-4000-8000-0000000000c1';
const JEUGDHUIS = '00000000-0000-4000-8000-0000000000c2';
const LABIO = '00000000-0000-4000-8000-0000000000c3';
const PROPOSAL = '00000000-0000-4000-8000-0000000000d1';
const EXPERIMENT = '00000000-0000-4000-8000-0000000000e1';
const DOC = '00000000-0000-4000-8000-0000000000f1';

const ctx: DescribeContext = {
  workspaceId: W,
  people: new Map([
    [ANNA, 'Anna'],
    [BRAM, 'Bram'],
  ]),
  partners: new Map([
    [GENK, 'Stad Genk'],
    [JEUGDHUIS, 'Jeugdhuis X'],
    [LABIO, 'Labiomista'],
  ]),
};

const policy = (rule: string) => ({ rule, electorate: 'core', votingHours: 72, deciders: [] });

/** A realistic event of every type, as the server records it today. */
const SAMPLES: Record<string, Partial<ActivityEventDto>> = {
  'workspace.created': { payload: { name: 'Genk leert', stage: 'hypothesis_vision' } },
  'workspace.updated': { payload: { name: { from: 'Genk leert', to: 'Genk leert samen' } } },
  'workspace.stage_changed': {
    payload: { from: 'hypothesis_vision', to: 'catalysing_initiating' },
  },
  'member.joined': {
    subjectId: BRAM,
    payload: { userId: BRAM, role: 'member', broker: true, partnerId: GENK, via: 'invitation' },
  },
  'member.role_changed': {
    subjectId: BRAM,
    payload: {
      userId: BRAM,
      from: { role: 'member', broker: false },
      to: { role: 'coordinator', broker: false },
    },
  },
  'member.updated': {
    subjectId: BRAM,
    payload: { userId: BRAM, partnerId: { from: null, to: GENK } },
  },
  'member.left': {
    subjectId: BRAM,
    payload: { userId: BRAM, displayName: 'Bram', role: 'member', removed: true },
  },
  'invitation.created': {
    partnerIds: [GENK],
    payload: { role: 'observer', broker: false, emailBound: true },
  },
  'invitation.revoked': { payload: {} },
  'invitation.declined': { actorId: BRAM, payload: { role: 'member', broker: false } },
  'partner.added': {
    actorId: null,
    subjectId: LABIO,
    payload: { name: 'Labiomista', tier: 'core', via: 'proposal', proposalId: PROPOSAL },
  },
  'partner.updated': {
    subjectId: JEUGDHUIS,
    payload: { name: 'Jeugdhuis X', changes: { website: { from: null, to: 'x' } }, via: 'edit' },
  },
  'partner.left': {
    subjectId: JEUGDHUIS,
    payload: { name: 'Jeugdhuis X', tier: 'broad', reason: 'Verhuisd naar Hasselt' },
  },
  'partner.research_consent_changed': {
    subjectId: JEUGDHUIS,
    payload: { partnerId: JEUGDHUIS, partnerName: 'Jeugdhuis X', from: false, to: true },
  },
  'policy.changed': {
    payload: {
      stage: 'hypothesis_vision',
      tier: 'core',
      from: policy('consensus'),
      to: policy('weighted'),
    },
  },
  'proposal.opened': {
    subjectId: PROPOSAL,
    payload: {
      proposalId: PROPOSAL,
      candidatePartnerId: LABIO,
      candidateName: 'Labiomista',
      tier: 'core',
    },
  },
  'vote.cast': {
    subjectId: PROPOSAL,
    partnerIds: [GENK, LABIO],
    payload: {
      proposalId: PROPOSAL,
      partnerId: GENK,
      choice: 'no',
      reason: 'Eerst kennismaken',
      replaced: false,
      candidatePartnerId: LABIO,
      candidateName: 'Labiomista',
    },
  },
  'advice.given': {
    subjectId: PROPOSAL,
    payload: {
      proposalId: PROPOSAL,
      partnerId: GENK,
      text: 'Goed idee',
      candidateName: 'Labiomista',
    },
  },
  'proposal.closed': {
    actorId: null,
    subjectId: PROPOSAL,
    payload: {
      proposalId: PROPOSAL,
      candidatePartnerId: LABIO,
      candidateName: 'Labiomista',
      status: 'accepted',
      reason: 'unanimous',
    },
  },
  'principle.created': { payload: { title: 'Jongeren beslissen mee', order: 0 } },
  'principle.updated': {
    payload: {
      title: 'Jongeren beslissen mee',
      changes: { description: { from: true, to: true } },
    },
  },
  'principle.deleted': { payload: { title: 'Jongeren beslissen mee', order: 0 } },
  'experiment.created': {
    subjectId: EXPERIMENT,
    payload: { title: 'Zomerkamp', status: 'idea', partnerIds: [GENK] },
  },
  'experiment.updated': {
    subjectId: EXPERIMENT,
    payload: { title: 'Zomerkamp', fields: ['description'] },
  },
  'experiment.status_changed': {
    subjectId: EXPERIMENT,
    payload: { title: 'Zomerkamp', from: 'preparing', to: 'running' },
  },
  'experiment.learning_added': {
    subjectId: EXPERIMENT,
    payload: { title: 'Zomerkamp', text: 'Ouders willen vooraf info' },
  },
  'connection.proposed': {
    payload: {
      fromPartnerId: GENK,
      toPartnerId: JEUGDHUIS,
      fromPartnerName: 'Stad Genk',
      toPartnerName: 'Jeugdhuis X',
      reason: '',
    },
  },
  'connection.responded': {
    actorId: BRAM,
    payload: { fromPartnerId: GENK, toPartnerId: JEUGDHUIS, partnerId: GENK, accept: true },
  },
  'connection.accepted': { payload: { fromPartnerId: GENK, toPartnerId: JEUGDHUIS } },
  'connection.declined': { payload: { fromPartnerId: GENK, toPartnerId: JEUGDHUIS } },
  'document.created': {
    subjectId: DOC,
    payload: { documentId: DOC, title: 'Plan', kind: 'other' },
  },
  'document.version_created': {
    subjectId: DOC,
    payload: {
      documentId: DOC,
      label: 'Kick-off',
      title: 'Vision',
      titleIsDefault: true,
      kind: 'vision',
    },
  },
  'document.restored': {
    subjectId: DOC,
    payload: { documentId: DOC, label: 'Kick-off', title: 'Plan', kind: 'other' },
  },
  'thread.opened': {
    subjectType: 'thread',
    subjectId: '00000000-0000-4000-8000-0000000000aa',
    payload: {
      subjectType: 'document',
      subjectId: DOC,
      kind: 'vision',
      titleIsDefault: true,
      quote: 'every child swims',
    },
  },
  'comment.added': {
    subjectType: 'thread',
    subjectId: '00000000-0000-4000-8000-0000000000aa',
    partnerIds: [LABIO],
    payload: {
      subjectType: 'proposal',
      subjectId: PROPOSAL,
      candidatePartnerId: LABIO,
      text: 'Yes',
    },
  },
  'comment.edited': {
    subjectType: 'thread',
    subjectId: '00000000-0000-4000-8000-0000000000aa',
    payload: { subjectType: 'experiment', subjectId: EXPERIMENT, title: 'Homework café' },
  },
  'comment.deleted': {
    subjectType: 'thread',
    subjectId: '00000000-0000-4000-8000-0000000000aa',
    payload: {
      subjectType: 'experiment',
      subjectId: EXPERIMENT,
      title: 'Homework café',
      threadDeleted: false,
    },
  },
  'thread.resolved': {
    subjectType: 'thread',
    subjectId: '00000000-0000-4000-8000-0000000000aa',
    payload: { subjectType: 'proposal', subjectId: PROPOSAL, candidatePartnerId: LABIO },
  },
  'thread.reopened': {
    subjectType: 'thread',
    subjectId: '00000000-0000-4000-8000-0000000000aa',
    payload: { subjectType: 'document', subjectId: DOC, title: 'Plan', kind: 'other' },
  },
  // Issue 16.
  'proposal.statement_added': {
    subjectId: PROPOSAL,
    payload: { proposalId: PROPOSAL, candidateName: 'Labiomista', text: 'Welkom!' },
  },
  'proposal.reminded': {
    subjectId: PROPOSAL,
    payload: { proposalId: PROPOSAL, candidateName: 'Labiomista', partnerIds: [GENK, JEUGDHUIS] },
  },
  'proposal.extended': {
    subjectId: PROPOSAL,
    payload: {
      proposalId: PROPOSAL,
      candidateName: 'Labiomista',
      from: '2026-12-10T12:00:00.000Z',
      to: '2026-12-17T12:00:00.000Z',
    },
  },
  'delegation.set': {
    subjectId: JEUGDHUIS,
    payload: { partnerId: JEUGDHUIS, partnerName: 'Jeugdhuis X', toPartnerId: GENK },
  },
  'delegation.revoked': {
    subjectId: JEUGDHUIS,
    payload: { partnerId: JEUGDHUIS, toPartnerId: GENK, toPartnerName: 'Stad Genk' },
  },
  'survey.scheduled': { subjectId: DOC, payload: { waveId: DOC, title: 'Spring' } },
  'survey.opened': { subjectId: DOC, payload: { waveId: DOC, title: 'Spring' } },
  'survey.response_submitted': {
    subjectId: DOC,
    payload: {
      waveId: DOC,
      title: 'Spring',
      partnerId: GENK,
      partnerName: 'Stad Genk',
      revised: false,
    },
  },
  'survey.reminded': { actorId: null, subjectId: DOC, payload: { waveId: DOC, title: 'Spring' } },
  'survey.closed': { actorId: null, subjectId: DOC, payload: { waveId: DOC, title: 'Spring' } },
  // Announced by other parts of the product; ready before they land in ACTIVITY_EVENT_TYPES.
  'connection.expired': {
    actorId: null,
    payload: {
      fromPartnerId: GENK,
      toPartnerId: JEUGDHUIS,
      fromPartnerName: 'Stad Genk',
      toPartnerName: 'Jeugdhuis X',
    },
  },
  'experiment.deleted': { subjectId: EXPERIMENT, payload: { title: 'Zomerkamp' } },
};

function event(type: string, over: Partial<ActivityEventDto> = {}): ActivityEventDto {
  return {
    id: '1',
    seq: 1,
    workspaceId: W,
    type: type as ActivityEventDto['type'],
    actorId: ANNA,
    subjectType: type.split('.')[0]!,
    subjectId: null,
    partnerIds: [],
    payload: {},
    createdAt: '2026-12-06T10:00:00.000Z',
    ...over,
  };
}

const render = (locale: 'nl' | 'en', e: ActivityEventDto) =>
  describeEvent(e, ctx, (k, p) => translate(locale, k, p));
const text = (locale: 'nl' | 'en', e: ActivityEventDto) => segmentsText(render(locale, e));

/** Leftovers of internals: a dotted code (`vote.cast`, `stages.x.name`) or an unfilled slot. */
const DOTTED = /\b[a-z_]+\.[a-z_]+\b/;
const SLOT = /\{\w+\}/;

describe('a sentence for every activity event type', () => {
  for (const locale of LOCALES) {
    for (const type of ACTIVITY_EVENT_TYPES) {
      it(`${type} (${locale})`, () => {
        expect(SAMPLES[type], `no sample event for ${type} in this test`).toBeDefined();
        const s = text(locale, event(type, SAMPLES[type]));
        const fallback = segmentsText(render(locale, event('zzz.unknown_type', {})));
        expect(s).not.toMatch(DOTTED);
        expect(s).not.toMatch(SLOT);
        expect(s.trim().length).toBeGreaterThan(10);
        // A real sentence of its own, not the generic "made a change" for unknown types.
        expect(s.split(' ').slice(1).join(' ')).not.toBe(fallback.split(' ').slice(1).join(' '));
      });
    }
  }

  it('also for events older servers recorded with less in the payload', () => {
    for (const locale of LOCALES) {
      for (const type of ACTIVITY_EVENT_TYPES) {
        const s = text(locale, event(type, { actorId: BRAM }));
        expect(s, type).not.toMatch(DOTTED);
        expect(s, type).not.toMatch(SLOT);
      }
    }
  });
});

describe('what the sentences say', () => {
  it('names people, partners and proposals, with links', () => {
    const vote = render('en', event('vote.cast', SAMPLES['vote.cast']));
    expect(segmentsText(vote)).toBe(
      'Anna (Stad Genk) voted no on admitting Labiomista: “Eerst kennismaken”',
    );
    expect(vote.find((s) => s.text === 'Labiomista')?.href).toBe(`/w/${W}/proposals/${PROPOSAL}`);
    expect(vote.find((s) => s.text === 'Stad Genk')?.href).toBe(`/w/${W}/partners/${GENK}`);
    expect(text('nl', event('vote.cast', SAMPLES['vote.cast']))).toBe(
      'Anna (Stad Genk) stemde nee over de toetreding van Labiomista: “Eerst kennismaken”',
    );
  });

  it('says what a discussion is about, linked to its page', () => {
    const reply = render('en', event('comment.added', SAMPLES['comment.added']));
    expect(segmentsText(reply)).toBe(
      'Anna replied in a discussion on the proposal to admit Labiomista',
    );
    expect(reply.find((s) => s.text.includes('Labiomista'))?.href).toBe(
      `/w/${W}/proposals/${PROPOSAL}`,
    );
    expect(text('nl', event('thread.opened', SAMPLES['thread.opened']))).toBe(
      'Anna begon een gesprek over “every child swims” in de visie',
    );
    expect(text('en', event('thread.resolved', SAMPLES['thread.resolved']))).toBe(
      'Anna resolved a discussion on the proposal to admit Labiomista',
    );
  });

  it('attributes automatic closings and admissions to Coalesce, not to a voter', () => {
    expect(text('en', event('proposal.closed', SAMPLES['proposal.closed']))).toBe(
      'The proposal to admit Labiomista was accepted automatically: everyone agreed',
    );
    expect(text('nl', event('proposal.closed', SAMPLES['proposal.closed']))).toBe(
      'Het voorstel om Labiomista op te nemen werd automatisch aanvaard: iedereen was akkoord',
    );
    expect(text('en', event('partner.added', SAMPLES['partner.added']))).toBe(
      'Labiomista joined the core group: the proposal was accepted',
    );
    const deadline = event('proposal.closed', {
      actorId: null,
      payload: { candidateName: 'Labiomista', status: 'rejected', reason: 'votes_missing' },
    });
    expect(text('en', deadline)).toBe(
      'The proposal to admit Labiomista was rejected automatically: not everyone voted in time',
    );
    const withdrawn = event('proposal.closed', {
      payload: { candidateName: 'Labiomista', status: 'withdrawn', reason: 'withdrawn' },
    });
    expect(text('en', withdrawn)).toBe('Anna withdrew the proposal to admit Labiomista');
  });

  it('translates statuses, stages, tiers and roles', () => {
    const moved = event('experiment.status_changed', SAMPLES['experiment.status_changed']);
    expect(text('en', moved)).toBe(
      'Anna moved the experiment ‘Zomerkamp’ from Preparing to Running',
    );
    expect(text('nl', moved)).toBe(
      'Anna zette het experiment ‘Zomerkamp’ van Voorbereiding naar Loopt',
    );
    expect(render('en', moved).find((s) => s.text.includes('Zomerkamp'))?.href).toBe(
      `/w/${W}/experiments/${EXPERIMENT}`,
    );
    expect(text('nl', event('member.joined', SAMPLES['member.joined']))).toBe(
      'Bram werd lid van het netwerk als lid en makelaar, voor Stad Genk',
    );
    expect(text('en', event('policy.changed', SAMPLES['policy.changed']))).toBe(
      'Anna changed how partners join the core group in the stage “Hypothesis and vision forming”: a weighted vote instead of consensus',
    );
  });

  it('says who answered a survey, never what', () => {
    const e = event('survey.response_submitted', SAMPLES['survey.response_submitted']);
    expect(text('en', e)).toBe('Anna answered the survey ‘Spring’ for Stad Genk');
    expect(text('nl', e)).toBe('Anna vulde de bevraging ‘Spring’ in voor Stad Genk');
    expect(render('en', e).find((x) => x.text.includes('Spring'))?.href).toBe(
      `/w/${W}/surveys/${DOC}`,
    );
  });

  it('shows the vision under its name in the reader’s language', () => {
    const v = event('document.version_created', SAMPLES['document.version_created']);
    expect(text('nl', v)).toBe('Anna bewaarde de versie ‘Kick-off’ van de visie');
    expect(render('en', v).at(-1)).toEqual({ text: 'the vision', href: `/w/${W}/vision` });
  });

  it('already speaks of the event types other parts of the product announced', () => {
    expect(text('en', event('connection.expired', SAMPLES['connection.expired']))).toBe(
      'The proposed connection between Stad Genk and Jeugdhuis X expired automatically without an answer',
    );
    expect(text('nl', event('experiment.deleted', SAMPLES['experiment.deleted']))).toBe(
      'Anna verwijderde het experiment ‘Zomerkamp’',
    );
    // Anything else says who changed which area, never the code.
    expect(text('en', event('partner.merged', {}))).toBe('Anna made a change in Partners');
  });

  it('says when only the broker flag changed', () => {
    const broker = event('member.role_changed', {
      subjectId: ANNA,
      payload: {
        userId: ANNA,
        from: { role: 'coordinator', broker: false },
        to: { role: 'coordinator', broker: true },
      },
    });
    expect(text('nl', broker)).toBe('Anna werd makelaar');
  });

  it('says someone left even when they are no longer in the member list', () => {
    const left = event('member.left', {
      actorId: 'gone',
      subjectId: 'gone',
      payload: { userId: 'gone', displayName: 'Chris', removed: false },
    });
    expect(text('en', left)).toBe('Chris left the network');
  });
});

describe('issue 16 sentences', () => {
  it('delegations and the follow-up of a proposal read naturally in both languages', () => {
    expect(text('en', event('delegation.set', SAMPLES['delegation.set']))).toBe(
      'Anna let Jeugdhuis X vote through Stad Genk',
    );
    expect(text('nl', event('delegation.revoked', SAMPLES['delegation.revoked']))).toBe(
      'Anna beëindigde de volmacht van Jeugdhuis X aan Stad Genk',
    );
    expect(text('en', event('proposal.reminded', SAMPLES['proposal.reminded']))).toBe(
      'Anna reminded 2 partners to vote on admitting Labiomista',
    );
    expect(text('nl', event('proposal.extended', SAMPLES['proposal.extended']))).toBe(
      'Anna verschoof de deadline voor Labiomista naar 2026-12-17 12:00',
    );
  });
});
