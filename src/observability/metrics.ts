// Prometheus metrics: Yoga's request and phase durations by operation type (the maintained plugin),
// plus what only this server knows: errors by code, open WebSockets and SSE streams, live feeds
// and their subscribers and executions per event per meeting, the delivery lag of live events, mutations by field and
// outcome (ballots among them), and the database pool. One registry per app, so that several instances in one process (tests)
// do not collide. Served on /metrics (src/observability/metrics-route.ts).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { getOperationAST, Kind, type FieldNode } from 'graphql';
import { errorCodesOf } from './error-codes.js';

/** Read at scrape time. */
export interface MetricSources {
  webSockets(): number;
  eventStreams(): number;
  /** Subscribers of each meeting's live feed on this instance, and the executions they share (MeetingFeeds.subscriberCounts). */
  feeds(): Promise<Map<string, { subscribers: number; listeners: number }>>;
  /** PostgreSQL pool connections; undefined for the embedded database. */
  pool(): { total: number; idle: number; waiting: number } | undefined;
}

export interface Metrics {
  registry: Registry;
  plugins: Plugin[];
  /** Seconds from a live event's commit to its hand-over to one subscriber (src/live/meeting-feed.ts). */
  observeDeliveryLag(seconds: number): void;
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'council_' });

  const errors = new Counter({ name: 'council_graphql_errors_total', help: 'GraphQL errors by extensions.code', labelNames: ['code'], registers });
  const mutations = new Counter({ name: 'council_mutations_total', help: 'Mutation fields by name and outcome (ok or the error code); castBallot counts ballots', labelNames: ['field', 'outcome'], registers });
  new Gauge({ name: 'council_websockets_open', help: 'Open graphql-ws connections', registers, collect() { this.set(sources.webSockets()); } });
  new Gauge({ name: 'council_sse_streams_open', help: 'Open SSE responses', registers, collect() { this.set(sources.eventStreams()); } });
  // A scrape collects every gauge at once: the per-meeting gauges share one read of the feeds.
  let reading: ReturnType<MetricSources['feeds']> | undefined;
  const feeds = () => (reading ??= sources.feeds().finally(() => (reading = undefined)));
  /** A gauge per meeting with a live feed on this instance, of one of its counts. */
  const perMeeting = (name: string, help: string, count: 'subscribers' | 'listeners') =>
    new Gauge({
      name,
      help,
      labelNames: ['meeting'],
      registers,
      async collect() {
        const counts = await feeds();
        this.reset();
        for (const [meeting, of] of counts) this.set({ meeting }, of[count]);
      },
    });
  perMeeting('council_live_subscribers', 'Subscribers of a meeting on this instance (one live feed per meeting)', 'subscribers');
  perMeeting(
    'council_live_executions_per_event',
    'Executions of each live event of a meeting on this instance: one per group of alike subscribers (src/live/subscription-groups.ts) or stream of its own',
    'listeners',
  );
  new Gauge({
    name: 'council_db_pool_connections',
    help: 'PostgreSQL pool connections by state',
    labelNames: ['state'],
    registers,
    collect() {
      const pool = sources.pool();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });

  const deliveryLag = new Histogram({
    name: 'council_event_delivery_lag_seconds',
    help: 'From the commit of a live event to its hand-over to a subscriber of this instance, per subscriber',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  const counting: Plugin = {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const fields: FieldNode[] = operation?.operation === 'mutation'
        ? operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection] : []))
        : [];
      return {
        onExecuteDone({ result }) {
          const errorsOf = (result as { errors?: readonly { path?: readonly unknown[]; extensions?: { code?: unknown } }[] }).errors ?? [];
          for (const field of fields) {
            const error = errorsOf.find((one) => one.path?.[0] === (field.alias ?? field.name).value);
            mutations.inc({ field: field.name.value, outcome: error ? String(error.extensions?.code ?? 'UNKNOWN') : 'ok' });
          }
        },
      };
    },
    onResultProcess({ result }) {
      for (const code of errorCodesOf(result)) errors.inc({ code });
    },
  };

  // The plugin adds its other metrics unless told not to; each costs every request something:
  // the deprecated-field counter walks every document, the summary keeps quantiles per operation,
  // errors are counted by code above.
  const prometheus = usePrometheus({
    registry,
    endpoint: false,
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_phase_subscribe: true,
      graphql_envelop_request: true,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_error_result: false,
      graphql_envelop_schema_change: false,
    },
    // Labels must come from a bounded set, or a client adds a series per request until the
    // registry (and Prometheus) runs out of memory: a GET's URL carries its variables, and the
    // operation name is whatever the client writes. The request log has the operation name.
    labels: { url: false, operationName: false },
  });
  return { registry, plugins: [prometheus, counting], observeDeliveryLag: (seconds) => deliveryLag.observe(seconds) };
}
