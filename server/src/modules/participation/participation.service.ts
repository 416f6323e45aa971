import { Injectable } from '@nestjs/common';
import {
  canViewPartnerParticipation,
  type BrokerFollowThroughDto,
  type PartnerParticipationDto,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { forbidden } from '../../common/errors/domain-error';
import { ConnectionsService } from '../connections/connections.service';
import { DocumentsService } from '../documents/documents.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { MembersService } from '../members/members.service';
import { PartnersService } from '../partners/partners.service';
import { ProposalsService } from '../proposals/proposals.service';
import { SurveysService } from '../surveys/surveys.service';
import { ThreadsService } from '../threads/threads.service';
import { UsersService } from '../users/users.service';
import {
  brokerFollowThrough,
  type PartnerEdit,
  type TieRating,
} from './participation.followthrough.util';
import { participation } from './participation.util';

export const PARTNER_DENIED = "Only coordinators and the partner's own representatives see this";

/** An experiment counts from its start day (its first moment, UTC), else from its creation. */
const experimentAt = (e: { startDate: string | null; createdAt: Date | string }) =>
  e.startDate ? new Date(`${e.startDate}T00:00:00Z`) : new Date(e.createdAt);

/**
 * Broker follow-through and participation: aggregates over what other modules own, asked of
 * their services. Co-editing counts the documents module's per-day edit record, by the
 * partners' current representatives.
 */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly experiments: ExperimentsService,
    private readonly surveys: SurveysService,
    private readonly users: UsersService,
    private readonly partners: PartnersService,
    private readonly members: MembersService,
    private readonly proposals: ProposalsService,
    private readonly threads: ThreadsService,
    private readonly documents: DocumentsService,
  ) {}

  /**
   * `range` (ms, inclusive) keeps the introductions accepted in it (the research export's
   * period); what followed them counts whenever it happened.
   */
  async brokers(
    workspaceId: string,
    range: { from?: number; to?: number } = {},
  ): Promise<BrokerFollowThroughDto> {
    const [all, exp, survey, edits] = await Promise.all([
      this.connections.acceptedIntroductions(workspaceId),
      this.experiments.participationRows(workspaceId),
      this.surveys.participationRows(workspaceId),
      this.partnerEdits(workspaceId),
    ]);
    const introductions = all.filter((i) => {
      const at = new Date(i.acceptedAt).getTime();
      return (
        (range.from === undefined || at >= range.from) && (range.to === undefined || at <= range.to)
      );
    });
    const opens = new Map(survey.waves.map((w) => [w.id, w.opensAt]));
    const ratings: TieRating[] = survey.ratings.map((r) => ({
      ...r,
      waveOpensAt: opens.get(r.waveId)!,
    }));
    const work = exp.experiments.map((e) => ({ partnerIds: e.partnerIds, at: experimentAt(e) }));
    const users = await this.users.findByIds([...new Set(introductions.map((i) => i.brokerId))]);
    const names = new Map([...users].map(([id, u]) => [id, u.displayName]));
    return brokerFollowThrough(
      introductions.map((i) => ({ ...i, acceptedAt: new Date(i.acceptedAt) })),
      work,
      ratings,
      edits,
      names,
    );
  }

  /** Documents written by partners (through their current representatives), the vision aside. */
  private async partnerEdits(workspaceId: string): Promise<PartnerEdit[]> {
    const edits = (await this.documents.editsInWorkspace(workspaceId)).filter(
      (e) => e.kind !== 'vision',
    );
    if (!edits.length) return [];
    const partners = await this.partners.listForNetwork(workspaceId);
    const reps = await this.members.representativesByPartner(
      workspaceId,
      partners.map((p) => p.id),
    );
    const partnerOfUser = new Map<string, string>();
    for (const [pid, list] of reps) for (const r of list) partnerOfUser.set(r.userId, pid);
    return edits.flatMap((e) => {
      const partnerId = partnerOfUser.get(e.userId);
      return partnerId
        ? [{ documentId: e.documentId, partnerId, day: new Date(`${e.day}T00:00:00Z`) }]
        : [];
    });
  }

  /** Every partner that is or was a member (not candidates), alphabetically. Coordinators only. */
  async allPartners(workspaceId: string): Promise<PartnerParticipationDto[]> {
    const partners = (await this.partners.listForNetwork(workspaceId)).filter(
      (p) => p.status === 'active' || p.status === 'left',
    );
    return this.compute(workspaceId, partners);
  }

  /** One partner (404 when not in this workspace, then 403 unless coordinator or its own). */
  async onePartner(me: Membership, partnerId: string): Promise<PartnerParticipationDto> {
    const p = await this.partners.getInWorkspace(me.workspaceId, partnerId);
    if (!canViewPartnerParticipation(me, p.id)) throw forbidden(PARTNER_DENIED);
    const [one] = await this.compute(me.workspaceId, [{ id: p.id, name: p.name }]);
    return one!;
  }

  private async compute(
    workspaceId: string,
    partners: { id: string; name: string }[],
  ): Promise<PartnerParticipationDto[]> {
    const [reps, votes, exp, comments, survey] = await Promise.all([
      this.members.representativesByPartner(
        workspaceId,
        partners.map((p) => p.id),
      ),
      this.proposals.participationRows(workspaceId),
      this.experiments.participationRows(workspaceId),
      this.threads.commentAuthors(workspaceId),
      this.surveys.participationRows(workspaceId),
    ]);
    const partnerOfUser = new Map<string, string>();
    for (const [pid, list] of reps) for (const r of list) partnerOfUser.set(r.userId, pid);
    return participation({
      partners,
      partnerOfUser,
      proposals: votes.proposals.map((p) => ({ ...p, createdAt: new Date(p.createdAt) })),
      votes: votes.votes,
      experiments: exp.experiments.map((e) => ({ partnerIds: e.partnerIds, at: experimentAt(e) })),
      learnings: exp.learnings.map((l) => ({ ...l, createdAt: new Date(l.createdAt) })),
      comments,
      waves: survey.waves,
      respondents: survey.respondents,
    });
  }
}
