// GraphQL over WebSocket (graphql-ws) on /graphql, through the same Yoga plugins as HTTP.
// A socket is one client: its token is checked once, at connection_init (a bad one closes the
// socket with 4403 Forbidden before anything runs), and whatever goes wrong with one operation
// is answered to that operation alone, so that the socket and its other subscriptions live on.
import type { Server } from 'node:http';
import { getOperationAST, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type YogaServerInstance } from 'graphql-yoga';
import type { Viewer } from '../access/viewer.js';
import { ApiError, unauthenticated } from '../errors.js';
import type { Member, Outlet, SharedDelivery } from '../live/subscription-groups.js';
import type { Context } from '../schema/context.js';
import type { Services } from '../services.js';
import { viewerFor } from './context.js';
import { maskedForClients } from './mask-error.js';
import { serveGraphqlWs, type GraphqlWsSocket } from './graphql-ws-sockets.js';
import type { TrustedDocuments } from './trusted-documents.js';
import type { Turns } from './turns.js';

export function createWebSocketServer(server: Server, yoga: YogaServerInstance<any, any>, services: Services, trusted: TrustedDocuments, turns: Turns) {
  const { limits } = services.config;
  return serveGraphqlWs(
    {
      connect: async (params) => {
        try {
          const viewer = await viewerFor(services, params?.authorization ?? params?.Authorization);
          return withLifetimeCap(viewer, limits.tokenLifetimeSeconds);
        } catch (error) {
          if (error instanceof GraphQLError) return undefined; // closed with 4403 Forbidden
          throw error;
        }
      },
      subscribe: async (socket, id, params, operation) => {
        // The socket has already counted this one.
        if (socket.operations.size > limits.subscriptionsPerSocket) {
          return refused(
            new ApiError('TOO_MANY_SUBSCRIPTIONS', `At most ${limits.subscriptionsPerSocket} operations may run at once on one WebSocket.`, {
              limit: limits.subscriptionsPerSocket,
            }),
          );
        }
        const viewer = socket.viewer!;
        if (viewer.expiresAt && viewer.expiresAt.getTime() <= Date.now()) return refused(unauthenticated('The token has expired.'));
        let args: ExecutionArgs;
        let run: (args: ExecutionArgs) => any;
        try {
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({ req: socket.request, socket, params, viewer });
          const source = trusted.documentOf(params);
          const document = parse(source);
          const errors = validate(schema, document);
          if (errors.length) return { errors: errors.map((error: GraphQLError) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
          const definition = getOperationAST(document, params.operationName);
          if (!definition) return refused(new ApiError('BAD_REQUEST', 'Unable to identify operation: a document of several operations needs an operationName.'));
          args = { schema, operationName: params.operationName, document, variableValues: params.variables, contextValue: await contextFactory() };
          run = definition.operation === 'subscription' ? subscribe : execute;
          if (definition.operation === 'subscription') {
            // Live subscriptions are executed once for all alike subscribers and written to their sockets.
            const shared = args;
            const delivery: SharedDelivery = {
              outlet: new SocketOutlet(socket, id, operation),
              document: source,
              operationName: params.operationName,
              variables: params.variables ?? {},
              subscribe: (groupValues) => subscribe({ ...shared, contextValue: { ...shared.contextValue!, delivery: undefined, groupValues } }),
              mask: maskedForClients(services.config.production),
            };
            Object.assign(args.contextValue!, { delivery } satisfies Pick<Context, 'delivery'>);
          }
        } catch (error) {
          if (error instanceof GraphQLError) return refused(withCode(withoutHttp(error), 'GRAPHQL_PARSE_FAILED'));
          throw error;
        }
        const result = await answerErrors(() => run(args));
        // A member of a shared group writes its own messages; graphql-js' (empty) stream of it is not kept.
        if ((args.contextValue as Context).delivery?.member && isAsyncIterable(result)) return { delivering: true };
        return { result };
      },
    },
    // Messages are documents and variables (files travel only over HTTP), so the cap sits far
    // below the HTTP body limit; ws closes a socket that sends more with 1009 (Message Too Big).
    { server, path: yoga.graphqlEndpoint, maxPayload: limits.maxMessageBytes, turns },
  );
}

const refused = (error: GraphQLError) => ({ errors: [error] });

/**
 * A group member's subscription `id` on its socket: graphql-ws `next` messages, written with the
 * group's serialized result as their payload. `operation` stands for it on the socket until the
 * member takes over (GraphqlWsSocket.handOver).
 */
class SocketOutlet implements Outlet {
  constructor(
    private readonly socket: GraphqlWsSocket,
    private readonly id: string,
    private readonly operation: object,
  ) {}

  take(member: Member) {
    return this.socket.handOver(this.id, this.operation, member);
  }

  giveBack(member: Member) {
    this.socket.handOver(this.id, member, this.operation);
  }

  get open() {
    return this.socket.readyState === this.socket.OPEN;
  }

  write(payload: string, written: () => void) {
    this.socket.send(`{"id":${JSON.stringify(this.id)},"type":"next","payload":${payload}}`, written);
  }

  ended(member: Member, last?: ExecutionResult) {
    this.socket.ended(this.id, member, last);
  }
}

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
