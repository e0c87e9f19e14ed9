// Response cache (RESPONSE_CACHE=true; @graphql-yoga/plugin-response-cache): the answer to a query
// over HTTP is kept in the instance's memory for its audience (src/access/viewer.ts audienceKeyOf:
// anonymous, the member of which organizations, staff; a person's own ballot makes it per person)
// and served again without running it. Answers with errors are never kept.
//
// Invalidation is coarse and strict: every mutation (over HTTP or WebSocket, live commands such as
// startMeeting and closeVote included) starts a new generation before it is acknowledged, and the
// generation is part of every key, so no answer computed before the write is served after it —
// also not one whose execution began before the write and ended after it. With REDIS_URL the new
// generation is announced to the other instances over Redis (node-redis) before the mutation is
// acknowledged; while Redis is down, or after a reconnect (announcements may have been lost), an
// instance does not use its cache. Writes outside GraphQL (the OParl import, the statements of
// tally and quorum written after their mutation) are seen at the latest after TTL_MS, the same
// staleness HTTP_CACHE_MAX_AGE allows shared HTTP caches.
import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { audienceKeyOf } from '../access/viewer.js';
import type { Services } from '../services.js';
import { logger } from '../observability/logger.js';
import { requestViewer } from './context.js';

const TTL_MS = 10_000;
const MAX_ANSWERS = 1_000;
const CHANNEL = 'response-cache:generation';

export function responseCache(services: Services): Plugin[] {
  const { redis } = services;
  let generation = 0;
  // Announcements from the other instances; a reconnect may have lost some: start afresh.
  const nextGeneration = () => void (generation += 1);
  if (redis) {
    redis.subscriber.subscribe(CHANNEL, nextGeneration).catch((error: Error) => logger.warn({ err: error.message }, 'Response cache: no Redis subscription'));
    redis.subscriber.on('ready', nextGeneration);
  }
  const usable = () => !redis || redis.connected();
  /** The key of each request whose answer may be kept and served; absent: not cached. */
  const keys = new WeakMap<Request, string>();

  const cache = useResponseCache({
    cache: createInMemoryCache({ max: MAX_ANSWERS }),
    ttl: TTL_MS,
    includeExtensionMetadata: false,
    session: async (request: Request) => {
      if (!usable()) return null;
      try {
        const viewer = await requestViewer(services, request);
        // The generation at the start: an answer computed across a write is kept under a dead key.
        keys.set(request, `${generation}:${audienceKeyOf(viewer)}`);
      } catch {
        // A bad token: the request fails as without the cache, and nothing is kept.
      }
      return keys.get(request) ?? null;
    },
    // Not over WebSocket (no Request): its reads are not cached, its mutations count below.
    enabled: (request: Request | undefined) => !!request && keys.has(request) && usable(),
  });

  const writes: Plugin = {
    onExecute({ args }) {
      if (getOperationAST(args.document as DocumentNode, args.operationName)?.operation !== 'mutation') return;
      return {
        onExecuteDone: async () => {
          nextGeneration();
          await redis?.commands.publish(CHANNEL, '').catch((error: Error) => logger.warn({ err: error.message }, 'Response cache: generation not announced'));
        },
      };
    },
  };

  return [cache, writes];
}
