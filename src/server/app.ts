// The HTTP server: GraphQL over HTTP and SSE (Yoga) and over WebSocket (graphql-ws) on /graphql,
// plus /health and /ready. Stateless: any number of instances can run behind a load balancer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { GraphQLError, ValidationContext } from 'graphql';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { schema } from '../schema/index.js';
import { ApiError } from '../errors.js';
import type { Services } from '../services.js';
import { contextFactory } from './context.js';
import { costLimit } from './cost-limit.js';
import { maskError, maskedErrorLogging } from './mask-error.js';
import { multipartRefusals } from './multipart-refusals.js';
import { requestBodyLimit } from './request-body-limit.js';
import { httpCaching } from './http-caching.js';
import { responseCache } from './response-cache.js';
import { argumentChecks } from './argument-checks.js';
import { requestErrorStatus } from './graphql-over-http.js';
import { queryStatsPlugin } from './query-stats-plugin.js';
import { rateLimits } from './rate-limit.js';
import { rateLimitStores } from './rate-limit-store.js';
import type { Route } from './route.js';
import { healthRoute, readinessRoute } from './health.js';
import { createDrain } from './drain.js';
import { trustedDocuments } from './trusted-documents.js';
import { createWebSocketServer } from './websocket.js';
import { sharedEventStreams } from './shared-event-streams.js';
import { webPagesRoute } from './web-pages.js';
import { minutesPdfRoute } from '../minutes/route.js';
import { reportPdfRoute } from '../report/route.js';
import { fileRoute } from '../files/route.js';
import { oparlRoute } from '../oparl/route.js';
import { calendarRoute } from '../calendar/route.js';
import { createMetrics } from '../observability/metrics.js';
import { metricsRoute } from '../observability/metrics-route.js';
import { requestLogPlugin } from '../observability/request-log.js';
import { logger } from '../observability/logger.js';
import { Turns } from './turns.js';

/** HTTP requests, and WebSocket messages, taken up per turn of the event loop (./turns.ts). */
const REQUESTS_PER_TURN = 16;

const isGraphqlPath = (url = '') => url === '/graphql' || url.startsWith('/graphql?');

/** The plain HTTP routes, tried in order before GraphQL. */
const routes: Route[] = [healthRoute, webPagesRoute, minutesPdfRoute, reportPdfRoute, fileRoute, oparlRoute, calendarRoute];

export interface App {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** graphql-armor's refusals as coded validation errors, rather than thrown as "Syntax Error"s. */
const tooComplex = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new ApiError('QUERY_TOO_COMPLEX', error.message.replace(/^Syntax Error: /, ''))),
  ],
};

export function createApp(services: Services): App {
  const { config } = services;
  const trusted = trustedDocuments(config.trustedDocuments);
  const rateLimitCounts = rateLimitStores(services.redis);
  // Read at scrape time, when the server, its WebSockets and the drain exist.
  const metrics = createMetrics({
    webSockets: () => webSockets.clients(),
    eventStreams: () => drain.eventStreams(),
    feeds: () => services.live.feeds.subscriberCounts(),
    pool: () => services.db.poolUse(),
  });
  services.live.feeds.observeDeliveryLag(metrics.observeDeliveryLag);
  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: config.http.graphiql && { subscriptionsProtocol: 'WS' },
    // Bearer tokens, not cookies: no origin is ever answered with credentials.
    cors: { origin: config.http.corsOrigins, credentials: false },
    context: contextFactory(services),
    maskedErrors: { maskError, isDev: !config.production },
    logging: maskedErrorLogging(logger),
    // Ours instead (./request-body-limit.ts): the same limit and answers, at a fraction of the cost.
    maxRequestBodySize: false,
    plugins: [
      requestLogPlugin(logger),
      ...(services.tracing ? [services.tracing.plugin] : []),
      multipartRefusals,
      requestBodyLimit(),
      ...metrics.plugins,
      trusted.plugin,
      // After the trusted documents: a document asked for by its hash is keyed by its text.
      ...(config.http.responseCache ? responseCache(services) : []),
      httpCaching(config.http.cacheMaxAgeSeconds),
      maxDepthPlugin({ n: 12, ...tooComplex }),
      ...(config.http.introspection ? [] : [useDisableIntrospection()]),
      argumentChecks,
      costLimit(config.limits.maxCost),
      ...rateLimits(config.rateLimits, rateLimitCounts),
      requestErrorStatus,
      ...(config.exposeQueryStats ? [queryStatsPlugin] : []),
      sharedEventStreams(services, (): YogaServerInstance<any, any> => yoga),
    ],
  });

  // In the order they arrived, a handful per turn (./turns.ts). Requests with a token, requests
  // without one and the WebSocket messages queue apart, a handful of each per turn, so that a
  // display's or a visitor's read does not wait behind a burst of 2,000 members' ballots over
  // either transport (nor the members behind a flood of anonymous reads).
  const signedInTurns = new Turns(REQUESTS_PER_TURN);
  const anonymousTurns = new Turns(REQUESTS_PER_TURN);
  const server = createServer((request, response) => {
    drain.track(request, response);
    (request.headers.authorization ? signedInTurns : anonymousTurns).take(() => void handle(request, response));
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // No route serves GraphQL's path: its requests skip their tests (URLs parsed, promises awaited).
    if (isGraphqlPath(request.url)) return yoga(request, response);
    try {
      for (const route of mounted) if (await route(request, response, services)) return;
    } catch (error) {
      // A personal calendar feed's path is its secret.
      logger.error({ err: error, url: request.url?.replace(/^\/calendar\/[^/?]+/, '/calendar/[redacted]') }, 'Route failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Internal server error' }));
      return;
    }
    return yoga(request, response);
  };
  const drain = createDrain(server);
  const mounted = [readinessRoute(drain), metricsRoute(metrics, { token: config.metricsToken, production: config.production }), ...routes];

  const webSockets = createWebSocketServer(server, yoga, services, trusted, new Turns(REQUESTS_PER_TURN));

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    // Disposing the WebSocket server closes every socket with 1001 (going away).
    close: () => drain.stop({ deadlineMs: config.shutdownTimeoutMs, closeWebSockets: webSockets.dispose }),
  };
}
