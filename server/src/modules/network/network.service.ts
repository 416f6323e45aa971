import { Injectable } from '@nestjs/common';
import type { BrokerSuggestionDto, NetworkDto, Page } from '@coalesce/shared';
import { ActivityService } from '../activity/activity.service';
import { ConnectionsService } from '../connections/connections.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { PartnersService } from '../partners/partners.service';
import { BACKDATED_EVENT_TYPES, HISTORY_EVENT_TYPES, networkInputAt } from './network.history.util';
import { buildNetwork, type NetworkInput } from './network.metrics.util';
import { suggestConnections } from './network.suggestions.util';

/**
 * The network view and broker suggestions. Today's network reads the current rows (one query
 * per table); a past one (`?at=`) is rebuilt from the event log (`network.history.util`).
 */
@Injectable()
export class NetworkService {
  constructor(
    private readonly partners: PartnersService,
    private readonly connections: ConnectionsService,
    private readonly experiments: ExperimentsService,
    private readonly activity: ActivityService,
  ) {}

  /** `at` (ISO, validated) in the past → history; absent or not in the past → now. */
  async network(workspaceId: string, at?: string): Promise<NetworkDto> {
    const now = new Date();
    const moment = at === undefined ? now : new Date(at);
    const input =
      moment.getTime() < now.getTime()
        ? await this.historyAt(workspaceId, moment)
        : await this.current(workspaceId, now);
    return buildNetwork(input);
  }

  async suggestions(workspaceId: string, limit: number): Promise<Page<BrokerSuggestionDto>> {
    const [partners, connections, experiments] = await Promise.all([
      this.partners.listAll(workspaceId, { statuses: ['active'] }),
      this.connections.listAll(workspaceId),
      this.experiments.listAll(workspaceId),
    ]);
    const items = suggestConnections({ partners, connections, experiments }, { limit });
    return { items, nextCursor: null };
  }

  private async current(workspaceId: string, now: Date): Promise<NetworkInput> {
    const [partners, connections, experiments] = await Promise.all([
      this.partners.listAll(workspaceId, { statuses: ['active'] }),
      this.connections.listAll(workspaceId),
      this.experiments.listAll(workspaceId),
    ]);
    return {
      partners,
      connections: connections.filter((c) => c.status === 'accepted'),
      experiments: experiments.map((e) => ({
        partnerIds: e.partnerIds,
        lastChangedAt: new Date(e.updatedAt),
      })),
      now,
    };
  }

  private async historyAt(workspaceId: string, at: Date): Promise<NetworkInput> {
    const [partners, events] = await Promise.all([
      this.partners.listAll(workspaceId),
      this.activity.replay(workspaceId, {
        types: HISTORY_EVENT_TYPES,
        anyTime: BACKDATED_EVENT_TYPES,
        until: at,
      }),
    ]);
    return networkInputAt(
      partners.map((p) => ({
        ...p,
        joinedAt: p.joinedAt ? new Date(p.joinedAt) : null,
        leftAt: p.leftAt ? new Date(p.leftAt) : null,
      })),
      events,
      at,
    );
  }
}
