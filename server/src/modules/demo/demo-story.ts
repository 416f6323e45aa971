import {
  COLLAB_FRAGMENT,
  STAGE_STATEMENTS,
  NOTIFICATION_KINDS,
  createExperimentSchema,
  createLearningSchema,
  createPartnerSchema,
  createPrincipleSchema,
  policyPutSchema,
  respondConnectionSchema,
  updateExperimentSchema,
  type ExperimentStatus,
  type PolicyInput,
  type ProposalDto,
  type Stage,
  type Tier,
  type VoteChoice,
} from '@coalesce/shared';
import * as Y from 'yjs';
import type { Membership } from '../../common/auth/auth.types';
import { ManualClock } from '../../common/clock/clock';
import type { ConnectionsService } from '../connections/connections.service';
import type { CollabService } from '../documents/collab/collab.service';
import { replaceContentUpdate } from '../documents/document-content.util';
import type { DocumentVersionsService } from '../documents/document-versions.service';
import type { DocumentsService } from '../documents/documents.service';
import type { ExperimentsService } from '../experiments/experiments.service';
import type { InvitationsService } from '../invitations/invitations.service';
import type { MembersService } from '../members/members.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PartnersService } from '../partners/partners.service';
import type { PoliciesService } from '../policies/policies.service';
import type { PrinciplesService } from '../principles/principles.service';
import type { ResearchService } from '../research/research.service';
import type { ProposalsService } from '../proposals/proposals.service';
import type { UsersService } from '../users/users.service';
import type { WorkspacesService } from '../workspaces/workspaces.service';
import type { SurveysService } from '../surveys/surveys.service';
import {
  DEMO_PARTNERS,
  VISION_DRAFTS,
  demoEmail,
  type DemoBlock,
  type DemoPartnerKey,
} from './demo.network.util';
import type { SweepPause } from '../../common/events/sweep-pause';
import type { ThreadsService } from '../threads/threads.service';

/** The services the story acts through (the same ones the API uses). */
export interface DemoServices {
  sweepPause: SweepPause;
  users: UsersService;
  notifications: NotificationsService;
  workspaces: WorkspacesService;
  members: MembersService;
  invitations: InvitationsService;
  partners: PartnersService;
  principles: PrinciplesService;
  policies: PoliciesService;
  proposals: ProposalsService;
  experiments: ExperimentsService;
  connections: ConnectionsService;
  documents: DocumentsService;
  versions: DocumentVersionsService;
  collab: CollabService;
  threads: ThreadsService;
  surveys: SurveysService;
  research: ResearchService;
}

export interface DemoAccount {
  email: string;
  displayName: string;
  partner: string | null;
}

export interface DemoStoryResult {
  workspaceId: string;
  accounts: DemoAccount[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The story spans 18 "months" of this length, ending a few days before today. */
const MONTH = 30 * DAY;
export const DEMO_MONTHS = 18;

/** One step of the story: when (months and days after the start) and what happens. */
interface Step {
  month: number;
  day: number;
  what: string;
  run: (s: DemoStory) => Promise<void>;
}
const step = (month: number, day: number, what: string, run: Step['run']): Step => ({
  month,
  day,
  what,
  run,
});

/**
 * The history of the demo network, oldest first. Each step runs at its simulated moment
 * through the services, so every row and event it leaves is a real one with that date. To show
 * a new kind of event, add a step (in date order) that calls the service that records it.
 */
const STORY: Step[] = [
  // ---- stage 1: hypothesis and vision --------------------------------------------------------
  step(0, 0, 'the coordinator starts the network with its founders', async (s) => {
    await s.startWorkspace();
    for (const key of ['klets', 'lommel', 'zonhoven', 'kempenland', 'regenboog'] as const) {
      await s.addPartner(key);
    }
    await s.representSelf('klets');
  }),
  step(0, 2, 'the founders’ representatives are invited and join', async (s) => {
    await s.invite('lommel');
    await s.invite('zonhoven');
    await s.invite('kempenland', { broker: true });
    await s.invite('regenboog');
  }),
  step(0, 8, 'first principles', async (s) => {
    await s.principle('kids', 'Kinderen en jongeren eerst', 'Elke keuze begint bij hun vraag.');
    await s.principle('learn', 'Samen leren, ook van wat mislukt', 'Experimenten mogen mislukken.');
    await s.principle(
      'barriers',
      'Drempels weg',
      'Gratis of bijna gratis, dichtbij, in gewone taal.',
    );
    await s.principle('local', 'Lokaal verankerd', 'We werken met wie er al is in de wijk.');
  }),
  step(0, 12, 'a first draft of the vision', async (s) => {
    await s.writeVision('first');
    await s.version('Eerste aanzet');
  }),
  step(0, 16, 'notes of the kick-off', (s) => s.notesDocument('Verslag startmoment')),
  step(1, 2, 'an invitation is withdrawn, another declined', async (s) => {
    await s.revokedInvitation();
    await s.declinedInvitation('Kristof Nijs', 'zonhoven');
  }),
  step(1, 10, 'the welfare house asks to join the core (consensus, all yes)', async (s) => {
    const p = await s.propose('heidebloem', 'lommel', 'Zij kennen de gezinnen die we missen.');
    await s.votes(p, {});
    await s.invite('heidebloem');
  }),
  step(2, 3, 'the bakery joins the broad circle; one vote changes', async (s) => {
    const p = await s.propose('vanhoof', 'zonhoven', 'Sponsort het ontbijt op kampdagen.');
    await s.vote(p, 'regenboog', 'abstain');
    await s.vote(p, 'regenboog', 'yes', 'Na uitleg over de sponsoring: akkoord.');
    await s.votes(p, { regenboog: 'skip' });
    await s.invite('vanhoof');
  }),
  step(2, 20, 'a gaming hall is blocked by one no', async (s) => {
    const p = await s.propose('gokhal', 'kempenland', 'Biedt sponsoring aan.');
    await s.votes(p, { heidebloem: ['no', 'Past niet bij "Kinderen en jongeren eerst".'] });
  }),
  step(3, 5, 'the vision after the workshop', async (s) => {
    await s.writeVision('workshop');
    await s.version('Na de werksessie');
    await s.renamePrinciple('barriers', 'Geen drempels');
    await s.describe('Netwerk van jeugd-, sport-, welzijns- en onderwijspartners in de Kempen.');
  }),

  // ---- stage 2: catalysing and initiating ----------------------------------------------------
  step(4, 1, 'the network moves on; the city decides on the broad circle', async (s) => {
    await s.stage('catalysing_initiating');
    await s.policy('broad', {
      rule: 'autonomous',
      deciders: [s.partnerId('lommel')],
      consultationHours: 72,
      votingHours: 24 * 14,
    });
  }),
  step(4, 5, 'first experiment: sport camps after school', (s) =>
    s.experiment('camps', 'Sportkampen na school', ['zonhoven', 'klets', 'regenboog'], {
      hypothesis: 'Kinderen die na school sporten op de eigen speelplaats blijven langer sporten.',
      targetGroups: ['kinderen 6-12'],
      barriers: ['financial', 'distance'],
      principles: ['kids', 'barriers'],
    }),
  ),
  step(4, 10, 'the scouts join after consultation', async (s) => {
    const p = await s.propose('scouts', 'klets', 'Ze hebben lokalen en ervaren leiding.', 'broad');
    await s.advise(p, 'zonhoven', 'Graag: ze kunnen helpen bij de kampen.');
    await s.advise(p, 'heidebloem', 'Let op de kostprijs van het lidgeld.');
    await s.decide(p, 'lommel', 'accepted', 'Positief advies van de partners.');
    await s.invite('scouts');
  }),
  step(5, 2, 'music school and repair café join', async (s) => {
    for (const key of ['vijfklank', 'schroef'] as const) {
      const p = await s.propose(key, 'klets', 'Nieuwe activiteiten voor de kampen.');
      await s.advise(p, 'regenboog', 'Goed idee.');
      await s.decide(p, 'lommel', 'accepted', 'Past in de kampen.');
      await s.invite(key);
    }
  }),
  step(5, 15, 'the camps get ready; the broker connects partners', async (s) => {
    await s.editExperiment('camps', { partners: ['zonhoven', 'klets', 'regenboog', 'scouts'] });
    await s.moveExperiment('camps', 'preparing');
    await s.connect('zonhoven', 'scouts', 'Samen trainers voor de kampen.');
    await s.connect('regenboog', 'heidebloem', 'De school ziet de gezinnen die hulp nodig hebben.');
  }),
  step(5, 20, 'the broker proposes a tie nobody answers', (s) =>
    s.connect('vijfklank', 'heidebloem', 'Muziekateliers in het welzijnshuis?', {}),
  ),
  step(6, 3, 'a fitness chain is never decided and expires', async (s) => {
    const p = await s.propose('powergym', 'zonhoven', 'Wil gratis proeflessen geven.');
    await s.advise(p, 'klets', 'Commercieel; twijfel.');
    await s.closeAtDeadline(p);
  }),
  step(6, 20, 'the camps run', async (s) => {
    await s.moveExperiment('camps', 'running');
    await s.learning('camps', 'Ouders halen later op dan gedacht: opvang tot 18 uur nodig.');
  }),
  step(6, 22, 'the unanswered tie expires after 30 days', (s) => s.expireConnections(30)),
  step(6, 26, 'a card made twice is deleted', async (s) => {
    await s.experiment('camps2', 'Sportkampen (dubbel)', ['zonhoven'], {
      hypothesis: 'Per ongeluk een tweede keer aangemaakt.',
    });
    await s.deleteExperiment('camps2');
  }),
  step(7, 8, 'the scouts move into the core', async (s) => {
    const p = await s.promote('scouts', 'klets', 'Ze dragen de kampen mee.');
    await s.votes(p, {});
  }),
  step(7, 20, 'the bakery declines a connection', (s) =>
    s.connect('vanhoof', 'klets', 'Ontbijt in het jeugdhuis?', { vanhoof: false }),
  ),
  step(8, 4, 'second experiment: the youth house on wheels', async (s) => {
    await s.experiment('wheels', 'Jeugdhuis op wielen', ['klets', 'scouts', 'lommel'], {
      hypothesis: 'Met een bakfiets bereiken we jongeren in de deelgemeenten.',
      targetGroups: ['jongeren 12-18'],
      barriers: ['distance'],
      principles: ['barriers'],
    });
    await s.moveExperiment('wheels', 'preparing');
  }),

  // ---- stage 3: dynamic experimentation --------------------------------------------------------
  step(9, 1, 'experimentation: the core now decides by weighted vote', async (s) => {
    await s.stage('dynamic_experimentation');
    await s.policy('core', { rule: 'weighted', quorum: 0.5, supportThreshold: 0.6 });
  }),
  step(9, 6, 'the neighbourhood work joins the core by weighted vote', async (s) => {
    const p = await s.propose('anker', 'heidebloem', 'Buurtwerk in de Lindewijk.');
    await s.votes(p, { zonhoven: 'abstain' });
    await s.invite('anker');
  }),
  step(9, 20, 'the wheels start', async (s) => {
    await s.moveExperiment('wheels', 'running');
    await s.connect('scouts', 'vijfklank', 'Muziek op kamp.');
  }),
  step(9, 23, 'the wheels are discussed: a mention, a reply, a correction, resolved', async (s) => {
    const thread = await s.discuss(
      'wheels',
      'klets',
      (scouts) => `Wie rijdt de bakfiets op woensdag? <@${scouts}> hebben jullie iemand?`,
    );
    const reply = await s.reply(thread, 'scouts', 'Ja, Jens van de verkenners.');
    await s
      .reply(thread, 'scouts', 'Ja, Jens van de verkenners. (dubbel)')
      .then((c) => s.deleteComment(thread, c, 'scouts'));
    await s.editComment(thread, reply, 'scouts', 'Ja, Jens van de verkenners, vanaf oktober.');
    await s.resolve(thread, 'klets', true);
    await s.resolve(thread, 'scouts', false);
    await s.reply(thread, 'scouts', 'Jens kan pas in november: wie springt in?');
  }),
  step(10, 3, 'the camps are evaluated; the broad circle grows', async (s) => {
    await s.moveExperiment('camps', 'evaluating');
    await s.learning('camps', '84 kinderen deden mee, 30 % voor het eerst in een sportclub.');
    for (const key of ['delinde', 'mezennestje', 'lies', 'kempenpijl', 'fietsatelier'] as const) {
      const p = await s.propose(key, 'anker', 'Sluit aan bij de kampen en de wijkwerking.');
      await s.advise(p, 'scouts', 'Welkom.');
      await s.decide(p, 'coordinator', 'accepted', 'Geen bezwaren in de consultatie.');
      await s.invite(key);
    }
  }),
  step(10, 20, 'vision 2.0', async (s) => {
    await s.writeVision('v2');
    await s.version('Visie 2.0');
    await s.connect('mezennestje', 'regenboog', 'Opvang aansluitend op de school.');
    await s.connect('delinde', 'heidebloem', 'Doorverwijzen van gezinnen.');
  }),
  step(10, 24, 'a first relationship survey: most partners answer', (s) =>
    s.surveyWave('Bevraging najaar', { closeAfterDays: 7, warmth: 0, skip: ['vanhoof'] }),
  ),
  step(11, 2, 'Lies agrees to be named in research exports', (s) =>
    s.researchConsent('lies', true),
  ),
  step(11, 6, 'the art academy does not get enough support', async (s) => {
    const p = await s.propose('kunstkamer', 'klets', 'Ateliers voor kinderen.');
    await s.votes(p, {
      lommel: 'no',
      kempenland: 'no',
      zonhoven: 'no',
      regenboog: 'no',
    });
  }),
  step(11, 15, 'third experiment: cooking together', async (s) => {
    await s.experiment('cooking', 'Samen koken in de wijk', ['anker', 'vanhoof', 'heidebloem'], {
      hypothesis: 'Samen koken brengt gezinnen naar de activiteiten van hun kinderen.',
      targetGroups: ['gezinnen in armoede'],
      barriers: ['psychological', 'language'],
      principles: ['learn'],
      status: 'running',
    });
    await s.learning('cooking', 'Koken werkt als drempelverlager; folders niet.');
  }),
  step(12, 2, 'a rewrite of the vision is undone', async (s) => {
    await s.writeVision('rewrite');
    await s.restore('Visie 2.0');
    await s.deletePrinciple('local');
  }),
  step(12, 8, 'the nature society joins the core at the deadline', async (s) => {
    const p = await s.propose('kempenheide', 'lommel', 'Natuur als speelterrein.');
    await s.votes(p, { lommel: 'yes', kempenland: 'yes', zonhoven: 'no', regenboog: 'yes' }, true);
    await s.closeAtDeadline(p);
    await s.invite('kempenheide');
    await s.statement(
      p,
      'lommel',
      'Welkom! De natuurvereniging neemt de zomerwandelingen op zich.',
    );
  }),
  step(13, 4, 'a dance studio is proposed and withdrawn', async (s) => {
    const p = await s.propose('pirouette', 'kempenland', 'Danslessen voor tieners.');
    await s.withdraw(p, 'kempenland');
  }),
  step(13, 12, 'the city representative becomes coordinator too', (s) =>
    s.makeCoordinator('lommel'),
  ),
  step(13, 20, 'the welfare house reorganises and lets the school vote for it', (s) =>
    s.delegate('heidebloem', 'regenboog'),
  ),
  step(14, 1, 'the welfare house votes itself again', (s) => s.revokeDelegation('heidebloem')),
  step(14, 2, 'the bike workshop closes and leaves', async (s) => {
    await s.leave('fietsatelier', 'De werkplaats stopt wegens gebrek aan middelen.');
  }),
  step(14, 10, 'the wheels stop', async (s) => {
    await s.moveExperiment('wheels', 'stopped');
    await s.learning(
      'wheels',
      'Te weinig vrijwilligers voor vaste uren; we bundelen met de scouts.',
    );
  }),
  step(15, 1, 'the camps become regular work', async (s) => {
    await s.moveExperiment('camps', 'mainstreamed');
    await s.learning('camps', 'Opgenomen in het jaarprogramma van de stad.');
    await s.experiment('parents', 'Digitale ouderavonden', ['leesboom', 'regenboog'], {
      hypothesis: 'Ouders komen vaker als de avond in de bibliotheek plaatsvindt.',
      barriers: ['digital'],
      needsPartners: ['leesboom'],
    });
  }),
  step(15, 8, 'more organisations join the broad circle', async (s) => {
    for (const key of [
      'leesboom',
      'lutgardis',
      'lindel',
      'jan',
      'spelbeweging',
      'depot',
      'kapelleke',
      'jeugdraad',
    ] as const) {
      const p = await s.propose(key, 'kempenland', 'Sluit aan bij onze werking.');
      await s.advise(p, 'anker', 'Akkoord.');
      await s.decide(p, 'coordinator', 'accepted', 'Positief advies.');
      if (DEMO_PARTNERS[key].rep) await s.invite(key);
    }
  }),

  // ---- stage 4: mainstreaming and sustaining ---------------------------------------------------
  step(16, 3, 'the network anchors its work', async (s) => {
    await s.stage('mainstreaming_sustaining');
    await s.writeVision('v2027');
    await s.version('Visie 2027');
    await s.moveExperiment('parents', 'preparing');
  }),
  step(16, 12, 'the broker ties the new partners in', async (s) => {
    await s.connect('leesboom', 'regenboog', 'Digitale ouderavonden.');
    await s.connect('depot', 'anker', 'Maaltijden na het samen koken.');
    await s.connect('kapelleke', 'klets', 'Podium voor jongeren.');
    await s.connect('lindel', 'lommel', 'Leren van de stad.', { lindel: true, lommel: false });
    await s.connect('spelbeweging', 'zonhoven', 'Vorming voor de trainers.');
  }),
  step(17, 18, 'a connection still waits for answers', (s) =>
    s.connect('jeugdraad', 'kempenpijl', 'Inspraak van jongeren in de G-werking.', {}),
  ),
  step(17, 20, 'the repair café lets the music school vote for it', (s) =>
    s.delegate('schroef', 'vijfklank'),
  ),
  step(
    17,
    21,
    'a second survey wave is open; the coordinator’s own partner has yet to answer',
    (s) => s.surveyWave('Bevraging anderhalf jaar', { warmth: 1, skip: ['klets'] }),
  ),
  step(17, 25, 'a proposal is open for the newcomer to vote on', async (s) => {
    const p = await s.propose('speelpleinwerking', 'lommel', 'Zomerwerking voor 6-12-jarigen.');
    await s.votes(p, { lommel: 'yes', zonhoven: 'yes', scouts: 'yes' }, true);
    await s.remind(p, 'lommel');
    await s.extend(p, 7);
  }),
];

/**
 * Runs STORY for the demo's owner. The owner coordinates the network and represents the youth
 * house; every other partner with a `rep` gets a demo account (`tag` makes the emails unique
 * per demo network, `passwordHash` is the shared demo password's hash).
 */
export async function writeDemoStory(
  services: DemoServices,
  clock: ManualClock,
  owner: { userId: string },
  opts: { end: Date; tag: string; passwordHash: string },
): Promise<DemoStoryResult> {
  const story = new DemoStory(services, clock, owner.userId, opts);
  let resume: (() => Promise<void>) | undefined;
  try {
    for (const s of STORY) {
      story.moveTo(s.month, s.day);
      await s.run(story);
      // The sweeps must leave the simulated proposals to the story (their deadlines lie in the
      // real past); pause them as soon as the workspace exists.
      resume ??= await services.sweepPause.pause(story.workspaceId);
    }
  } finally {
    await resume?.();
  }
  return { workspaceId: story.workspaceId, accounts: story.accounts };
}

/** The state of the story as it unfolds, and the verbs its steps use. */
export class DemoStory {
  private wid: string | null = null;
  private me!: Membership;
  private readonly partnerIds = new Map<DemoPartnerKey, string>();
  private readonly reps = new Map<DemoPartnerKey, Membership>();
  private readonly principleIds = new Map<string, string>();
  private readonly experimentIds = new Map<string, string>();
  private readonly versionIds = new Map<string, string>();
  private broker: Membership | null = null;
  private readonly start: Date;
  readonly accounts: DemoAccount[] = [];

  constructor(
    private readonly s: DemoServices,
    private readonly clock: ManualClock,
    private readonly ownerId: string,
    private readonly opts: { end: Date; tag: string; passwordHash: string },
  ) {
    this.start = new Date(opts.end.getTime() - DEMO_MONTHS * MONTH);
    clock.set(this.start);
  }

  get workspaceId(): string {
    if (!this.wid) throw new Error('demo: the workspace does not exist yet');
    return this.wid;
  }

  partnerId(key: DemoPartnerKey): string {
    const id = this.partnerIds.get(key);
    if (!id) throw new Error(`demo: ${key} is not a partner yet`);
    return id;
  }

  /** Sets the clock to a step's moment (10:00 on that day); the story only moves forward. */
  moveTo(month: number, day: number): void {
    const at = new Date(this.start.getTime() + month * MONTH + day * DAY + 10 * HOUR);
    if (at.getTime() < this.clock.now().getTime()) {
      throw new Error(`demo: step at month ${month} day ${day} lies before the previous one`);
    }
    if (at.getTime() >= Date.now()) throw new Error('demo: a step lies in the future');
    this.clock.set(at);
  }

  private later(hours: number): void {
    this.clock.advance(hours * HOUR);
  }

  // ---- people and the workspace ----------------------------------------------------------------

  async startWorkspace(): Promise<void> {
    const w = await this.s.workspaces.create(this.ownerId, {
      name: 'Kempen Speelt Samen (demo)',
      description: 'Een demonetwerk: organisaties rond spelen en sporten na school.',
      stage: 'hypothesis_vision',
    });
    this.wid = w.id;
    this.me = {
      workspaceId: w.id,
      userId: this.ownerId,
      role: 'coordinator',
      broker: false,
      partnerId: null,
    };
  }

  async addPartner(key: DemoPartnerKey): Promise<void> {
    const dto = await this.s.partners.create(
      this.me,
      createPartnerSchema.parse({ ...this.profile(key), tier: DEMO_PARTNERS[key].tier }),
    );
    this.partnerIds.set(key, dto.id);
  }

  async representSelf(key: DemoPartnerKey): Promise<void> {
    await this.s.members.update(this.me, this.ownerId, { partnerId: this.partnerId(key) });
    this.me = { ...this.me, partnerId: this.partnerId(key) };
    this.reps.set(key, this.me);
  }

  /** A demo account for the partner's representative, invited by email and accepting. */
  async invite(key: DemoPartnerKey, opts: { broker?: boolean } = {}): Promise<void> {
    const name = DEMO_PARTNERS[key].rep;
    if (!name) throw new Error(`demo: ${key} has no representative`);
    const user = await this.account(name, DEMO_PARTNERS[key].name);
    const partnerId = this.partnerId(key);
    const invitation = await this.s.invitations.create(this.me, {
      email: user.email,
      role: 'member',
      broker: opts.broker ?? false,
      partnerId,
      expiresInHours: 24 * 7,
    });
    this.later(20);
    await this.s.invitations.accept(user.id, invitation.token);
    const m: Membership = {
      workspaceId: this.workspaceId,
      userId: user.id,
      role: 'member',
      broker: opts.broker ?? false,
      partnerId,
    };
    this.reps.set(key, m);
    if (m.broker) this.broker = m;
    this.later(1);
  }

  async revokedInvitation(): Promise<void> {
    const i = await this.s.invitations.create(this.me, {
      role: 'observer',
      broker: false,
      expiresInHours: 24 * 7,
    });
    this.later(26);
    await this.s.invitations.revoke(this.me, i.id);
  }

  async declinedInvitation(name: string, key: DemoPartnerKey): Promise<void> {
    const user = await this.account(name, null);
    const i = await this.s.invitations.create(this.me, {
      email: user.email,
      role: 'member',
      broker: false,
      partnerId: this.partnerId(key),
      expiresInHours: 24 * 7,
    });
    this.later(30);
    await this.s.invitations.decline(user.id, i.id);
  }

  async makeCoordinator(key: DemoPartnerKey): Promise<void> {
    const rep = this.rep(key);
    await this.s.members.update(this.me, rep.userId, { role: 'coordinator' });
    this.reps.set(key, { ...rep, role: 'coordinator' });
  }

  async describe(description: string): Promise<void> {
    await this.s.workspaces.update(this.me, { description });
  }

  async stage(stage: Stage): Promise<void> {
    await this.s.workspaces.update(this.me, { stage });
  }

  async policy(tier: Tier, policy: PolicyInput): Promise<void> {
    await this.s.policies.put(this.me, tier, policyPutSchema.parse(policy));
  }

  /** A partner's representative sets whether it may be named in research exports. */
  async researchConsent(key: DemoPartnerKey, mayBeNamed: boolean): Promise<void> {
    await this.s.research.setConsent(this.rep(key), this.partnerId(key), { mayBeNamed });
  }

  /** The partner leaves, and its representative leaves the workspace with it. */
  async leave(key: DemoPartnerKey, reason: string): Promise<void> {
    const rep = this.rep(key);
    await this.s.partners.leave(rep, this.partnerId(key), { reason });
    this.later(2);
    await this.s.members.remove(rep, rep.userId);
    this.reps.delete(key);
  }

  // ---- principles and documents ----------------------------------------------------------------

  async principle(key: string, title: string, description: string): Promise<void> {
    const dto = await this.s.principles.create(
      this.me,
      createPrincipleSchema.parse({ title, description }),
    );
    this.principleIds.set(key, dto.id);
    this.later(1);
  }

  async renamePrinciple(key: string, title: string): Promise<void> {
    await this.s.principles.update(this.me, this.principle$(key), { title });
  }

  async deletePrinciple(key: string): Promise<void> {
    await this.s.principles.remove(this.me, this.principle$(key));
    this.principleIds.delete(key);
  }

  private principle$(key: string): string {
    const id = this.principleIds.get(key);
    if (!id) throw new Error(`demo: no principle ${key}`);
    return id;
  }

  /** Replaces the vision's content with a draft, as one live change (no event: edits are not logged). */
  async writeVision(draft: keyof typeof VISION_DRAFTS): Promise<void> {
    const id = await this.visionId();
    const target = toYDoc(VISION_DRAFTS[draft]);
    try {
      await this.s.collab.withDocument(id, async (live) => {
        const update = replaceContentUpdate(live.doc, target);
        if (update) await live.ingest(update, null);
      });
    } finally {
      target.destroy();
    }
    this.later(3);
  }

  async version(label: string): Promise<void> {
    const v = await this.s.versions.create(
      this.workspaceId,
      await this.visionId(),
      label,
      this.ownerId,
    );
    this.versionIds.set(label, v.id);
    this.later(1);
  }

  async restore(label: string): Promise<void> {
    const versionId = this.versionIds.get(label);
    if (!versionId) throw new Error(`demo: no version ${label}`);
    this.later(48);
    await this.s.versions.restore(this.workspaceId, await this.visionId(), versionId, this.ownerId);
  }

  async notesDocument(title: string): Promise<void> {
    await this.s.documents.create({
      workspaceId: this.workspaceId,
      title,
      kind: 'notes',
      createdBy: this.ownerId,
    });
  }

  private async visionId(): Promise<string> {
    const doc = await this.s.documents.findVision(this.workspaceId);
    if (!doc) throw new Error('demo: no vision document');
    return doc.id;
  }

  // ---- proposals -------------------------------------------------------------------------------

  /** `by` (a partner's representative) proposes the partner `key` as a new candidate. */
  async propose(
    key: DemoPartnerKey,
    by: DemoPartnerKey,
    rationale: string,
    tier: Tier = DEMO_PARTNERS[key].tier,
  ): Promise<ProposalDto> {
    const fit = [...this.principleIds.values()].slice(0, 2).map((principleId) => ({
      principleId,
      fits: true,
    }));
    const p = await this.s.proposals.create(this.rep(by), {
      candidate: this.profile(key),
      tier,
      rationale,
      principleFit: fit,
    });
    this.partnerIds.set(key, p.candidatePartnerId);
    this.later(6);
    return p;
  }

  /** An active broad partner proposed for the core. */
  async promote(key: DemoPartnerKey, by: DemoPartnerKey, rationale: string): Promise<ProposalDto> {
    const p = await this.s.proposals.create(this.rep(by), {
      candidatePartnerId: this.partnerId(key),
      tier: 'core',
      rationale,
      principleFit: [],
    });
    this.later(6);
    return p;
  }

  /**
   * Every partner of the electorate votes, a few hours apart: `yes` unless `choices` says
   * otherwise (a consensus `no` comes with its reason; `skip`: stays silent). `only` leaves
   * everyone not in `choices` silent. Stops as soon as a vote closes the proposal.
   */
  async votes(
    p: ProposalDto,
    choices: Partial<Record<DemoPartnerKey, VoteChoice | [VoteChoice, string] | 'skip'>>,
    only = false,
  ): Promise<void> {
    const keys = p.electorate.map((m) => this.keyOf(m.partnerId));
    for (const key of keys) {
      const choice = choices[key] ?? (only ? 'skip' : 'yes');
      if (choice === 'skip') continue;
      const [c, reason] = Array.isArray(choice) ? choice : [choice, undefined];
      const after = await this.vote(p, key, c, reason);
      if (after.status !== 'open') return;
    }
  }

  async vote(
    p: ProposalDto,
    key: DemoPartnerKey,
    choice: VoteChoice,
    reason?: string,
  ): Promise<ProposalDto> {
    const after = await this.s.proposals.vote(this.rep(key), p.id, { choice, reason });
    this.later(9);
    return after;
  }

  async advise(p: ProposalDto, key: DemoPartnerKey, text: string): Promise<void> {
    await this.s.proposals.advise(this.rep(key), p.id, { text });
    this.later(10);
  }

  /** After the consultation: a decider's representative (or the coordinator) decides. */
  async decide(
    p: ProposalDto,
    who: DemoPartnerKey | 'coordinator',
    outcome: 'accepted' | 'rejected',
    rationale: string,
  ): Promise<void> {
    this.clock.set(new Date(new Date(p.consultationEndsAt!).getTime() + 2 * HOUR));
    await this.s.proposals.decide(who === 'coordinator' ? this.me : this.rep(who), p.id, {
      outcome,
      rationale,
    });
    this.later(4);
  }

  async withdraw(p: ProposalDto, by: DemoPartnerKey): Promise<void> {
    this.later(30);
    await this.s.proposals.withdraw(this.rep(by), p.id);
  }

  // ---- delegated votes and follow-up (issue 16) --------------------------------------------------

  async delegate(key: DemoPartnerKey, to: DemoPartnerKey): Promise<void> {
    await this.s.partners.setDelegation(this.rep(key), this.partnerId(key), {
      toPartnerId: this.partnerId(to),
    });
    this.later(2);
  }

  async revokeDelegation(key: DemoPartnerKey): Promise<void> {
    await this.s.partners.revokeDelegation(this.rep(key), this.partnerId(key));
    this.later(2);
  }

  /** The proposer's word on a closed proposal (at the moment it closed: no time passes). */
  async statement(p: ProposalDto, by: DemoPartnerKey, text: string): Promise<void> {
    await this.s.proposals.addStatement(this.rep(by), p.id, { text });
  }

  async remind(p: ProposalDto, by: DemoPartnerKey): Promise<void> {
    await this.s.proposals.remind(this.rep(by), p.id);
    this.later(1);
  }

  /** The coordinator moves the deadline `days` later. */
  async extend(p: ProposalDto, days: number): Promise<void> {
    const current = await this.s.proposals.get(this.workspaceId, p.id, this.me);
    await this.s.proposals.extend(this.me, p.id, {
      closesAt: new Date(Date.parse(current.closesAt) + days * DAY).toISOString(),
    });
  }

  /** Lets the deadline pass and runs the deadline sweep then, for this workspace only. */
  async closeAtDeadline(p: ProposalDto): Promise<void> {
    this.clock.set(new Date(new Date(p.closesAt).getTime() + HOUR));
    await this.s.proposals.closeDue(10, { workspaceId: this.workspaceId });
  }

  // ---- experiments -----------------------------------------------------------------------------

  async experiment(
    key: string,
    title: string,
    partners: DemoPartnerKey[],
    more: {
      hypothesis: string;
      targetGroups?: string[];
      barriers?: string[];
      principles?: string[];
      needsPartners?: DemoPartnerKey[];
      status?: ExperimentStatus;
    },
  ): Promise<void> {
    const ids = partners.filter((k) => this.partnerIds.has(k)).map((k) => this.partnerId(k));
    const dto = await this.s.experiments.create(
      this.me,
      createExperimentSchema.parse({
        title,
        hypothesis: more.hypothesis,
        status: more.status ?? 'idea',
        partnerIds: ids,
        leadPartnerId: ids[0],
        targetGroups: more.targetGroups ?? [],
        barriers: more.barriers ?? [],
        principleIds: (more.principles ?? []).map((k) => this.principle$(k)),
        neededExpertise: (more.needsPartners ?? []).flatMap((k) => DEMO_PARTNERS[k].expertise),
        startDate: this.clock.now().toISOString().slice(0, 10),
      }),
    );
    this.experimentIds.set(key, dto.id);
    this.later(5);
  }

  async editExperiment(key: string, change: { partners: DemoPartnerKey[] }): Promise<void> {
    await this.s.experiments.update(
      this.me,
      this.experiment$(key),
      updateExperimentSchema.parse({ partnerIds: change.partners.map((k) => this.partnerId(k)) }),
    );
    this.later(2);
  }

  async moveExperiment(key: string, status: ExperimentStatus): Promise<void> {
    await this.s.experiments.update(
      this.me,
      this.experiment$(key),
      updateExperimentSchema.parse({ status }),
    );
    this.later(2);
  }

  async learning(key: string, text: string): Promise<void> {
    await this.s.experiments.addLearning(
      this.me,
      this.experiment$(key),
      createLearningSchema.parse({ text }),
    );
    this.later(3);
  }

  // ---- discussions -----------------------------------------------------------------------------

  /** Opens a discussion on an experiment by `by`'s representative; `text` may mention the scouts'. */
  async discuss(
    key: string,
    by: DemoPartnerKey,
    text: (scoutsUserId: string) => string,
  ): Promise<string> {
    const t = await this.s.threads.open(this.rep(by), {
      subject: { type: 'experiment', id: this.experiment$(key) },
      text: text(this.rep('scouts').userId),
    });
    this.later(2);
    return t.id;
  }

  async reply(threadId: string, by: DemoPartnerKey, text: string): Promise<string> {
    const t = await this.s.threads.addComment(this.rep(by), threadId, { text });
    this.later(3);
    return t.comments[t.comments.length - 1]!.id;
  }

  async editComment(threadId: string, commentId: string, by: DemoPartnerKey, text: string) {
    await this.s.threads.editComment(this.rep(by), threadId, commentId, { text });
    this.later(1);
  }

  async deleteComment(threadId: string, commentId: string, by: DemoPartnerKey) {
    await this.s.threads.deleteComment(this.rep(by), threadId, commentId);
    this.later(1);
  }

  async resolve(threadId: string, by: DemoPartnerKey, resolved: boolean) {
    await this.s.threads.update(this.rep(by), threadId, { resolved });
    this.later(4);
  }

  async deleteExperiment(key: string): Promise<void> {
    await this.s.experiments.remove(this.me, this.experiment$(key));
    this.experimentIds.delete(key);
    this.later(1);
  }

  private experiment$(key: string): string {
    const id = this.experimentIds.get(key);
    if (!id) throw new Error(`demo: no experiment ${key}`);
    return id;
  }

  // ---- connections -----------------------------------------------------------------------------

  /**
   * The broker proposes a tie between `a` and `b`; each side answers (`answers`, default both
   * accept; a side left out of a given `answers` stays silent).
   */
  async connect(
    a: DemoPartnerKey,
    b: DemoPartnerKey,
    reason: string,
    answers?: Partial<Record<DemoPartnerKey, boolean>>,
  ): Promise<void> {
    if (!this.broker) throw new Error('demo: no broker yet');
    const c = await this.s.connections.propose(this.broker, {
      fromPartnerId: this.partnerId(a),
      toPartnerId: this.partnerId(b),
      reason,
    });
    for (const side of [a, b]) {
      const accept = answers ? answers[side] : true;
      if (accept === undefined) continue;
      this.later(18);
      await this.s.connections.respond(
        this.rep(side),
        c.id,
        respondConnectionSchema.parse({ accept }),
      );
      if (!accept) break;
    }
    this.later(4);
  }

  /** What the expiry sweep does, at the simulated moment and for this workspace only. */
  async expireConnections(days: number): Promise<void> {
    await this.s.connections.expireDue(days, { only: this.workspaceId });
  }

  // ---- internals -------------------------------------------------------------------------------

  // ---- research instruments --------------------------------------------------------------------

  /**
   * A relationship survey wave with answers from the partners' representatives (all but
   * `skip`), spread over a few days. The ratings are made up but steady (a hash of the pair),
   * and `warmth` makes a later wave a little denser and more trusting. Closed after
   * `closeAfterDays`, or left open for the demo's visitors (closing two weeks from today).
   */
  async surveyWave(
    title: string,
    opts: { warmth: number; closeAfterDays?: number; skip?: DemoPartnerKey[] },
  ): Promise<void> {
    const closesAt = opts.closeAfterDays
      ? new Date(this.clock.now().getTime() + opts.closeAfterDays * DAY)
      : new Date(Date.now() + 14 * DAY);
    // The first wave is planned a day ahead and opened by the sweep, as a coordinator would.
    const opensAt = opts.closeAfterDays ? new Date(this.clock.now().getTime() + DAY) : undefined;
    let wave = await this.s.surveys.create(this.me, {
      title,
      closesAt: closesAt.toISOString(),
      ...(opensAt ? { opensAt: opensAt.toISOString() } : {}),
    });
    if (opensAt) {
      this.clock.set(opensAt);
      await this.s.surveys.sweep({ leadHours: 48, only: this.workspaceId });
      wave = await this.s.surveys.get(this.workspaceId, wave.id);
    }
    const levels = ['awareness', 'cooperation', 'coordination', 'collaboration'] as const;
    const roster = wave.roster.map((r) => r.partnerId);
    for (const partnerId of roster) {
      const key = this.keyOf(partnerId);
      const rep = this.reps.get(key);
      if (!rep || opts.skip?.includes(key)) continue;
      this.later(2);
      const ties = roster
        .filter((other) => other !== partnerId)
        .map((other) => {
          // Mostly the two sides agree (the pair's hash), sometimes only one side sees a tie.
          const h =
            0.75 * pairHash(partnerId, other, title) +
            0.25 * pairHash(partnerId, `${other}>`, title);
          const threshold = 0.24 + 0.04 * opts.warmth;
          if (h > threshold) return { partnerId: other, worksWith: false };
          const n = (i: number) =>
            Math.min(4, 1 + Math.floor(((h * 97 * (i + 3)) % 1) * 3) + opts.warmth);
          return {
            partnerId: other,
            worksWith: true,
            // Mostly the looser levels: collaboration is the rarer, closer tie.
            level: levels[Math.min(3, Math.floor((h / threshold) ** 2 * 4))]!,
            trust: { reliability: n(0), missionSupport: Math.max(n(1), 2), openness: n(2) },
            value: { influence: n(3), involvement: n(4), resourceContribution: n(5) },
            contributions: [
              (['expertise', 'target_group', 'resources', 'capacity'] as const)[
                Math.floor(h * 40) % 4
              ]!,
            ],
          };
        });
      const stage: Record<string, number> = {};
      const strongest = opts.warmth ? 'mainstreaming_sustaining' : 'dynamic_experimentation';
      for (const [st, ids] of Object.entries(STAGE_STATEMENTS)) {
        ids.forEach((id) => {
          const h = pairHash(partnerId, id, title);
          stage[id] = st === strongest ? (h > 0.4 ? 4 : 3) : 1 + Math.floor(h * 3);
        });
      }
      await this.s.surveys.submit(rep, wave.id, partnerId, { ties, stage });
    }
    if (opts.closeAfterDays) {
      // The sweep reminds the partners that have not answered, two days before it closes.
      this.clock.set(new Date(closesAt.getTime() - DAY));
      await this.s.surveys.sweep({ leadHours: 48, only: this.workspaceId });
      this.clock.set(new Date(closesAt.getTime() - HOUR));
      await this.s.surveys.close(this.me, wave.id);
    }
  }

  private rep(key: DemoPartnerKey): Membership {
    const m = this.reps.get(key);
    if (!m) throw new Error(`demo: nobody represents ${key}`);
    return m;
  }

  private keyOf(partnerId: string): DemoPartnerKey {
    for (const [key, id] of this.partnerIds) if (id === partnerId) return key;
    throw new Error(`demo: unknown partner ${partnerId}`);
  }

  private profile(key: DemoPartnerKey) {
    const d = DEMO_PARTNERS[key];
    return {
      kind: d.kind,
      name: d.name,
      actorType: d.actorType,
      motivations: d.motivations,
      contributions: {
        expertise: d.expertise,
        targetGroups: d.targetGroups,
        resources: d.resources,
      },
      description: d.description,
      website: 'website' in d ? d.website : null,
      ...('weight' in d ? { weight: d.weight } : {}),
    };
  }

  /** A demo account (its email alone says it is one); no email notifications go to it. */
  private async account(displayName: string, partnerName: string | null) {
    const email = demoEmail(displayName, this.opts.tag);
    const user = await this.s.users.create({
      email,
      passwordHash: this.opts.passwordHash,
      displayName,
      locale: 'nl',
    });
    await this.s.notifications.putPreferences(user.id, {
      email: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, false])),
    });
    this.accounts.push({ email, displayName, partner: partnerName });
    return user;
  }
}

/** A steady number in [0, 1) for a pair of strings (made-up survey answers that do not change). */
function pairHash(a: string, b: string, salt: string): number {
  let h = 2166136261;
  for (const ch of `${a < b ? a + b : b + a}${salt}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) / 4294967296;
}

/** A Y.Doc whose Tiptap fragment holds the blocks (y-prosemirror's layout). */
function toYDoc(blocks: DemoBlock[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(COLLAB_FRAGMENT);
  fragment.insert(
    0,
    blocks.map((b) => {
      const el = new Y.XmlElement('heading' in b ? 'heading' : 'paragraph');
      if ('heading' in b) el.setAttribute('level', 2 as unknown as string);
      el.insert(0, [new Y.XmlText('heading' in b ? b.heading : b.paragraph)]);
      return el;
    }),
  );
  return doc;
}
