// The HTTP server: GraphQL over HTTP and SSE (Yoga) and over WebSocket (graphql-ws) on /graphql,
// plus /health and /ready. Stateless: any number of instances can run behind a load balancer.
import { createServer, type Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga } from 'graphql-yoga';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { schema } from '../schema/index.js';
import type { Services } from '../services.js';
import { contextFactory } from './context.js';
import { maskError } from './mask-error.js';
import { pageSizeLimit } from './page-size.js';
import { queryStatsPlugin } from './query-stats-plugin.js';
import type { Route } from './route.js';
import { healthRoute, readinessRoute } from './health.js';
import { createDrain } from './drain.js';
import { webPagesRoute } from './web-pages.js';
import { minutesPdfRoute } from '../minutes/route.js';
import { reportPdfRoute } from '../report/route.js';
import { fileRoute } from '../files/route.js';
import { oparlRoute } from '../oparl/route.js';
import { createMetrics } from '../observability/metrics.js';
import { metricsRoute } from '../observability/metrics-route.js';
import { requestLogPlugin } from '../observability/request-log.js';
import { logger } from '../observability/logger.js';

/** The plain HTTP routes, tried in order before GraphQL. */
const routes: Route[] = [healthRoute, webPagesRoute, minutesPdfRoute, reportPdfRoute, fileRoute, oparlRoute];

export interface App {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createApp(services: Services): App {
  const { config } = services;
  // Read at scrape time, when the server, its WebSockets and the drain exist.
  const metrics = createMetrics({
    webSockets: () => webSockets.clients.size,
    eventStreams: () => drain.eventStreams(),
    feeds: () => services.live.feeds.subscriberCounts(),
    pool: () => services.db.poolUse(),
  });
  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { subscriptionsProtocol: 'WS' },
    context: contextFactory(services),
    maskedErrors: { maskError, isDev: !config.production },
    logging: logger,
    plugins: [
      requestLogPlugin(logger),
      ...metrics.plugins,
      maxDepthPlugin({ n: 12, exposeLimits: true }),
      costLimitPlugin({ maxCost: 20_000, exposeLimits: true }),
      pageSizeLimit,
      ...(config.exposeQueryStats ? [queryStatsPlugin] : []),
    ],
  });

  const server = createServer(async (request, response) => {
    drain.track(request, response);
    try {
      for (const route of mounted) if (await route(request, response, services)) return;
    } catch (error) {
      logger.error({ err: error, url: request.url }, 'Route failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Internal server error' }));
      return;
    }
    return yoga(request, response);
  });
  const drain = createDrain(server);
  const mounted = [readinessRoute(drain), metricsRoute(metrics, { token: config.metricsToken, production: config.production }), ...routes];

  const webSockets = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const wsServer = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory: yogaContext, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await yogaContext(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args;
      },
    },
    webSockets,
  );

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
    // graphql-ws's dispose closes every socket with 1001 (going away).
    close: () => drain.stop({ deadlineMs: config.shutdownTimeoutMs, closeWebSockets: async () => { await wsServer.dispose(); } }),
  };
}
