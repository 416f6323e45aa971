import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics, one registry per process (module singletons: several apps in one test
 * process add up, which is fine for counters read as deltas). Served by `metricsHandler`.
 */
export const registry = new Registry();

const registers = [registry];

export const metrics = {
  httpRequests: new Counter({
    name: 'coalesce_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  }),
  httpDuration: new Histogram({
    name: 'coalesce_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  }),
  collabUpdates: new Counter({
    name: 'coalesce_collab_updates_total',
    help: 'Document updates stored from collaboration sockets and server changes',
    registers,
  }),
  collabCommits: new Counter({
    name: 'coalesce_collab_commits_total',
    help: 'Group commits of document updates (one INSERT each)',
    registers,
  }),
  collabCommitDuration: new Histogram({
    name: 'coalesce_collab_commit_duration_seconds',
    help: 'Time of one group commit of document updates',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  }),
  collabDropped: new Counter({
    name: 'coalesce_collab_dropped_total',
    help: 'Collaboration messages dropped by the limits, by kind (update, awareness)',
    labelNames: ['kind'] as const,
    registers,
  }),
  events: new Counter({
    name: 'coalesce_events_total',
    help: 'Activity events committed, by type (votes: vote.cast)',
    labelNames: ['type'] as const,
    registers,
  }),
  rateLimitHits: new Counter({
    name: 'coalesce_rate_limit_hits_total',
    help: 'Requests refused by a rate limit, by limiter',
    labelNames: ['limiter'] as const,
    registers,
  }),
};

type CollabStats = () => { documents: number; connections: number };
const collabSources = new Set<CollabStats>();

/** A CollabService reports its live figures here (until the returned function is called). */
export function reportCollabStats(source: CollabStats): () => void {
  collabSources.add(source);
  return () => collabSources.delete(source);
}

const sum = (key: 'documents' | 'connections') =>
  [...collabSources].reduce((n, s) => n + s()[key], 0);

new Gauge({
  name: 'coalesce_collab_connections',
  help: 'Open collaboration sockets',
  registers,
  collect() {
    this.set(sum('connections'));
  },
});
new Gauge({
  name: 'coalesce_collab_open_documents',
  help: 'Documents loaded in memory for collaboration',
  registers,
  collect() {
    this.set(sum('documents'));
  },
});
