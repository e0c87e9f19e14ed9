// GraphQL over WebSocket (graphql-ws) on /graphql, through the same Yoga plugins as HTTP.
// A socket is one client: its token is checked once, at connection_init (a bad one closes the
// socket with 4403 Forbidden before anything runs), and whatever goes wrong with one operation
// is answered to that operation alone, so that the socket and its other subscriptions live on.
import type { Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { Viewer } from '../access/viewer.js';
import { ApiError, unauthenticated } from '../errors.js';
import type { SharedDelivery } from '../live/subscription-groups.js';
import type { Context } from '../schema/context.js';
import type { Services } from '../services.js';
import { viewerFor } from './context.js';
import { maskError } from './mask-error.js';
import { serveGraphqlWs } from './graphql-ws-sockets.js';
import type { TrustedDocuments } from './trusted-documents.js';

export function createWebSocketServer(server: Server, yoga: YogaServerInstance<any, any>, services: Services, trusted: TrustedDocuments) {
  const { limits } = services.config;
  // Messages are documents and variables (files travel only over HTTP), so the cap sits far
  // below the HTTP body limit; ws closes a socket that sends more with 1009 (Message Too Big).
  const webSockets = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: limits.maxMessageBytes });
  /** The viewer of each acknowledged socket (keyed by graphql-ws' per-socket `extra`). */
  const viewers = new WeakMap<object, Viewer>();

  const wsServer = serveGraphqlWs(
    {
      execute: (args: any) => answerErrors(() => args.rootValue.execute(args)),
      subscribe: async (args: any) => {
        const result = await answerErrors(() => args.rootValue.subscribe(args));
        const member = (args.contextValue as Context).delivery?.member;
        if (!member || !isAsyncIterable(result)) return result;
        // A member of a shared group: graphql-ws iterates the member, and what it keeps of the
        // operation (these arguments) no longer holds the context, request and envelop's streams.
        Object.assign(args, { contextValue: undefined, rootValue: undefined, variableValues: undefined });
        return member;
      },
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        try {
          const viewer = await viewerFor(services, params.authorization ?? params.Authorization);
          viewers.set(ctx.extra, withLifetimeCap(viewer, limits.tokenLifetimeSeconds));
          return true;
        } catch (error) {
          if (error instanceof GraphQLError) return false; // graphql-ws closes with 4403 Forbidden
          throw error;
        }
      },
      onSubscribe: async (ctx, id, params) => {
        // graphql-ws has already counted this one in ctx.subscriptions.
        if (Object.keys(ctx.subscriptions).length > limits.subscriptionsPerSocket) {
          return [
            new ApiError('TOO_MANY_SUBSCRIPTIONS', `At most ${limits.subscriptionsPerSocket} operations may run at once on one WebSocket.`, {
              limit: limits.subscriptionsPerSocket,
            }),
          ];
        }
        const viewer = viewers.get(ctx.extra);
        if (viewer?.expiresAt && viewer.expiresAt.getTime() <= Date.now()) return [unauthenticated('The token has expired.')];
        try {
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            ...ctx,
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            params,
            viewer,
          });
          const source = trusted.documentOf(params);
          const document = parse(source);
          const errors = validate(schema, document);
          if (errors.length) return errors.map((error: GraphQLError) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
          const args = {
            schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          } satisfies ExecutionArgs;
          // Live subscriptions are executed once for all alike subscribers and written to their sockets.
          const delivery: SharedDelivery = {
            socket: ctx.extra.socket,
            id,
            document: source,
            operationName: params.operationName,
            variables: params.variables ?? {},
            subscribe: (groupValues) => subscribe({ ...args, contextValue: { ...args.contextValue, delivery: undefined, groupValues } }),
            mask: (error) => maskError(error, 'Unexpected error.', !services.config.production) as GraphQLError,
          };
          Object.assign(args.contextValue, { delivery } satisfies Pick<Context, 'delivery'>);
          return args;
        } catch (error) {
          if (error instanceof GraphQLError) return [withCode(withoutHttp(error), 'GRAPHQL_PARSE_FAILED')];
          throw error;
        }
      },
    },
    webSockets,
  );

  return {
    clients: () => webSockets.clients.size,
    /** Closes every socket with 1001 (going away). */
    dispose: async () => {
      await wsServer.dispose();
    },
  };
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> => typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/** A refusal before execution (cost, page size, rate) answers this operation, not the socket. */
async function answerErrors<T>(run: () => Promise<T> | T): Promise<T | { errors: GraphQLError[] }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [withoutHttp(error)] };
    throw error;
  }
}

/** `http` (status, Retry-After) is for HTTP responses; Yoga removes it there, we do here. */
function withoutHttp(error: GraphQLError): GraphQLError {
  if (!error.extensions.http) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { ...error.extensions, code } });
}

/** A token without `exp` would hold a socket open forever; it ends like an expired one. */
function withLifetimeCap(viewer: Viewer, lifetimeSeconds: number): Viewer {
  if (!viewer.signedIn || viewer.expiresAt) return viewer;
  return { ...viewer, expiresAt: new Date(Date.now() + lifetimeSeconds * 1000) };
}
