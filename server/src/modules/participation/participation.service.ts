import { Injectable } from '@nestjs/common';
import type { BrokerFollowThroughDto } from '@coalesce/shared';
import { ConnectionsService } from '../connections/connections.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { SurveysService } from '../surveys/surveys.service';
import { UsersService } from '../users/users.service';
import { brokerFollowThrough, type TieRating } from './participation.followthrough.util';

/**
 * Broker follow-through (and, later, participation): aggregates over what other modules own,
 * asked of their services. Co-editing a document is not counted: the collaborative documents
 * keep no per-person edit record that is cheap to ask for.
 */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly experiments: ExperimentsService,
    private readonly surveys: SurveysService,
    private readonly users: UsersService,
  ) {}

  async brokers(workspaceId: string): Promise<BrokerFollowThroughDto> {
    const [introductions, exp, survey] = await Promise.all([
      this.connections.acceptedIntroductions(workspaceId),
      this.experiments.participationRows(workspaceId),
      this.surveys.participationRows(workspaceId),
    ]);
    const opens = new Map(survey.waves.map((w) => [w.id, w.opensAt]));
    const ratings: TieRating[] = survey.ratings.map((r) => ({
      ...r,
      waveOpensAt: opens.get(r.waveId)!,
    }));
    const work = exp.experiments.map((e) => ({
      partnerIds: e.partnerIds,
      // A start day counts from its first moment (UTC); an experiment without one from creation.
      at: e.startDate ? new Date(`${e.startDate}T00:00:00Z`) : new Date(e.createdAt),
    }));
    const users = await this.users.findByIds([...new Set(introductions.map((i) => i.brokerId))]);
    const names = new Map([...users].map(([id, u]) => [id, u.displayName]));
    return brokerFollowThrough(
      introductions.map((i) => ({ ...i, acceptedAt: new Date(i.acceptedAt) })),
      work,
      ratings,
      names,
    );
  }
}
