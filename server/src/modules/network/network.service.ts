import { Injectable } from '@nestjs/common';
import type { NetworkDto, PerceivedNetworkDto } from '@coalesce/shared';
import { ActivityService } from '../activity/activity.service';
import { ConnectionsService } from '../connections/connections.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { PartnersService } from '../partners/partners.service';
import { SurveysService } from '../surveys/surveys.service';
import { HISTORY_EVENT_TYPES, HISTORY_PAYLOAD_KEYS, networkInputAt } from './network.history.util';
import { buildNetwork, type NetworkInput } from './network.metrics.util';
import { PreparedJson } from './network.response';
import { suggestConnections } from './network.suggestions.util';

/** Views kept per instance, serialised (and compressed once asked): 2,000 partners are ~2 MB. */
const VIEW_ENTRIES = 32;
/** Loaded histories kept per instance (a workspace's partners and network events, a few MB). */
const HISTORY_ENTRIES = 4;
/** Today's view is recomputed at least this often: its 90-day `activeShare` window moves. */
const NOW_BUCKET_MS = 60_000;
/**
 * The events the views depend on: the network on partners, accepted connections and experiments
 * (the same the history replays); suggestions also on proposed and declined connections. Other
 * events (votes, documents, members…) leave a cached view valid.
 */
const NETWORK_EVENTS: readonly string[] = HISTORY_EVENT_TYPES;
const SUGGESTION_EVENTS: readonly string[] = [
  ...HISTORY_EVENT_TYPES,
  'connection.proposed',
  'connection.declined',
  'connection.expired',
];

/**
 * The network view and broker suggestions. Today's network reads the current rows (one lean
 * query per table); a past one (`?at=`) is rebuilt from the event log (`network.history.util`).
 *
 * Both are functions of the workspace's log (every change is an event, in the change's
 * transaction), so a computed view is cached per instance under the version of the events it
 * depends on (`ActivityService.logVersion`): the same view asked again (several members looking,
 * the slider back on a position) costs one indexed query, and any committed change makes the next
 * request recompute. Concurrent identical requests share one computation. A view is kept as
 * its JSON (`PreparedJson`), so a cached answer is not serialised or compressed again.
 */
@Injectable()
export class NetworkService {
  private readonly views = new Lru(VIEW_ENTRIES);
  private readonly histories = new Lru(HISTORY_ENTRIES);

  constructor(
    private readonly partners: PartnersService,
    private readonly connections: ConnectionsService,
    private readonly experiments: ExperimentsService,
    private readonly activity: ActivityService,
    private readonly surveys: SurveysService,
  ) {}

  /** `at` (ISO, validated) in the past → history; absent or not in the past → now. */
  async network(workspaceId: string, at?: string): Promise<PreparedJson> {
    const now = new Date();
    const moment = at === undefined ? now : new Date(at);
    const past = moment.getTime() < now.getTime();
    const version = await this.activity.logVersion(workspaceId, NETWORK_EVENTS);
    const key = past
      ? `network|${workspaceId}|${version}|at:${moment.toISOString()}`
      : `network|${workspaceId}|${version}|now:${Math.floor(now.getTime() / NOW_BUCKET_MS)}`;
    return this.views.get(
      key,
      async () =>
        new PreparedJson(
          buildNetwork(
            past
              ? await this.historyAt(workspaceId, version, moment)
              : await this.current(workspaceId, now),
          ),
        ),
    );
  }

  /**
   * The map's survey layer at `at` (default now): the perceived ties of the wave in force then
   * (from the surveys module) beside the logged ties of the same moment, and where they differ.
   */
  async perceived(workspaceId: string, at?: string): Promise<PerceivedNetworkDto> {
    const moment = at === undefined ? new Date() : new Date(at);
    const logged = JSON.parse((await this.network(workspaceId, at)).body.toString()) as NetworkDto;
    const active = new Set(logged.nodes.map((n) => n.id));
    const layer = await this.surveys.perceivedAt(workspaceId, moment, logged.edges);
    // Only ties between partners on the map at that moment.
    return {
      ...layer,
      edges: layer.edges.filter((e) => active.has(e.source) && active.has(e.target)),
      differences: layer.differences.filter((e) => active.has(e.source) && active.has(e.target)),
    };
  }

  /** `Page<BrokerSuggestionDto>`, prepared. */
  async suggestions(workspaceId: string, limit: number): Promise<PreparedJson> {
    const version = await this.activity.logVersion(workspaceId, SUGGESTION_EVENTS);
    return this.views.get(`suggestions|${workspaceId}|${version}|${limit}`, async () => {
      const [partners, connections, experiments] = await Promise.all([
        this.partners.listForNetwork(workspaceId, { activeOnly: true }),
        this.connections.pairs(workspaceId),
        this.experiments.listForNetwork(workspaceId),
      ]);
      const items = suggestConnections({ partners, connections, experiments }, { limit });
      return new PreparedJson({ items, nextCursor: null });
    });
  }

  private async current(workspaceId: string, now: Date): Promise<NetworkInput> {
    const [partners, connections, experiments] = await Promise.all([
      this.partners.listForNetwork(workspaceId, { activeOnly: true }),
      this.connections.pairs(workspaceId, { acceptedOnly: true }),
      this.experiments.ties(workspaceId),
    ]);
    return {
      partners,
      connections,
      experiments: experiments.map((e) => ({
        partnerIds: e.partnerIds,
        lastChangedAt: e.updatedAt,
      })),
      now,
    };
  }

  /**
   * The history is loaded once per version of the log (all network events: a partner.added may
   * be dated back), so moving the time slider only replays it in memory.
   */
  private async historyAt(workspaceId: string, version: string, at: Date): Promise<NetworkInput> {
    const [partners, events] = await this.histories.get(`${workspaceId}|${version}`, () =>
      Promise.all([
        this.partners.listForNetwork(workspaceId),
        this.activity.replay(workspaceId, {
          types: HISTORY_EVENT_TYPES,
          payloadKeys: HISTORY_PAYLOAD_KEYS,
        }),
      ]),
    );
    return networkInputAt(partners, events, at);
  }
}

/** A small least-recently-used map of promises; a failed computation is not kept. */
class Lru {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly size: number) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key) as Promise<T> | undefined;
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    value.catch(() => this.entries.delete(key));
    while (this.entries.size > this.size) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }
}
