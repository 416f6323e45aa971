import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { clock, ManualClock } from '../../common/clock/clock';
import { notFound } from '../../common/errors/domain-error';
import { logger } from '../../common/logging/logger';
import { RateLimitService } from '../../common/rate-limit/rate-limit.service';
import { ConnectionsService } from '../connections/connections.service';
import { CollabService } from '../documents/collab/collab.service';
import { DocumentVersionsService } from '../documents/document-versions.service';
import { DocumentsService } from '../documents/documents.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { InvitationsService } from '../invitations/invitations.service';
import { MembersService } from '../members/members.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PartnersService } from '../partners/partners.service';
import { ResearchService } from '../research/research.service';
import { PoliciesService } from '../policies/policies.service';
import { PrinciplesService } from '../principles/principles.service';
import { ProposalsService } from '../proposals/proposals.service';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { SurveysService } from '../surveys/surveys.service';
import { writeDemoStory, type DemoServices, type DemoStoryResult } from './demo-story';
import { DEMO_COORDINATOR_EMAIL, DEMO_PASSWORD } from './demo.network.util';
import { SweepPause } from '../../common/events/sweep-pause';
import { ThreadsService } from '../threads/threads.service';

const DAY_SECONDS = 24 * 3600;

/**
 * Creates demo networks: 18 months of a coalition's life, written through the same services
 * the API uses under a simulated clock, so every row and event is a real one with a past date.
 * Only on request (`POST /api/demo`, `npm run demo`); never at start.
 */
@Injectable()
export class DemoService {
  private readonly services: DemoServices;

  constructor(
    sweepPause: SweepPause,
    users: UsersService,
    notifications: NotificationsService,
    workspaces: WorkspacesService,
    members: MembersService,
    invitations: InvitationsService,
    partners: PartnersService,
    principles: PrinciplesService,
    policies: PoliciesService,
    proposals: ProposalsService,
    experiments: ExperimentsService,
    connections: ConnectionsService,
    documents: DocumentsService,
    versions: DocumentVersionsService,
    collab: CollabService,
    threads: ThreadsService,
    surveys: SurveysService,
    research: ResearchService,
    private readonly rateLimits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.services = {
      sweepPause,
      users,
      notifications,
      workspaces,
      members,
      invitations,
      partners,
      principles,
      policies,
      proposals,
      experiments,
      connections,
      documents,
      versions,
      collab,
      threads,
      surveys,
      research,
    };
  }

  /**
   * `POST /api/demo`: 404 unless DEMO_ENABLED; at most DEMO_PER_USER_PER_DAY successful
   * creates per user in 24 hours (429 with Retry-After after that).
   */
  async createForCaller(userId: string): Promise<{ workspaceId: string }> {
    if (!this.config.demo.enabled) throw notFound('Demo');
    // Counted atomically before the (long) write and given back when it fails: only
    // successful demos count.
    const spec = {
      name: 'demo',
      points: this.config.demo.perUserPerDay,
      durationSeconds: DAY_SECONDS,
    };
    await this.rateLimits.consume(spec, userId);
    try {
      const { workspaceId } = await this.create(userId);
      return { workspaceId };
    } catch (err) {
      await this.rateLimits.reward(spec, userId);
      throw err;
    }
  }

  /** A demo network coordinated by `userId`, who represents one of its partners. */
  async create(userId: string): Promise<DemoStoryResult> {
    const started = Date.now();
    const end = new Date();
    const simulated = new ManualClock(end);
    const passwordHash = await hash(DEMO_PASSWORD);
    const result = await clock.run(simulated, () =>
      writeDemoStory(
        this.services,
        simulated,
        { userId },
        {
          end,
          tag: randomBytes(4).toString('hex').slice(0, 6),
          passwordHash,
        },
      ),
    );
    logger.info(
      { workspaceId: result.workspaceId, userId, ms: Date.now() - started },
      'demo network created',
    );
    return result;
  }

  /** The user with this email (for `npm run demo --email`), or null. */
  async userIdByEmail(email: string): Promise<string | null> {
    return (await this.services.users.findByEmail(email))?.id ?? null;
  }

  /** `npm run demo` without `--email`: the demo coordinator account, created once. */
  async demoCoordinator(): Promise<{ userId: string; email: string; created: boolean }> {
    const existing = await this.userIdByEmail(DEMO_COORDINATOR_EMAIL);
    if (existing) return { userId: existing, email: DEMO_COORDINATOR_EMAIL, created: false };
    const user = await this.services.users.create({
      email: DEMO_COORDINATOR_EMAIL,
      passwordHash: await hash(DEMO_PASSWORD),
      displayName: 'Demo Coordinator',
      locale: 'nl',
    });
    return { userId: user.id, email: DEMO_COORDINATOR_EMAIL, created: true };
  }
}
