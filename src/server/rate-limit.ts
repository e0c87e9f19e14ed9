// Rate limits per client (@envelop/rate-limiter): anonymous requests by address, and the
// expensive fields (minutes, report, search, file text) by token subject or else address. A
// refusal is RATE_LIMITED: HTTP 429 with Retry-After, a coded error over WebSocket. The counts are
// shared by all instances through Redis when there is one (./rate-limit-store.ts).
import { useRateLimiter, type ConfigByField } from '@envelop/rate-limiter';
import { BREAK, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../access/viewer.js';
import type { RateLimits } from '../config.js';
import { ApiError } from '../errors.js';
import type { RateLimitStores } from './rate-limit-store.js';
import type { UpgradeRequest } from './graphql-ws-sockets.js';

/** The fields whose work is far more than a row (their costs are in src/schema/cost.ts). */
const EXPENSIVE_FIELDS: Pick<ConfigByField, 'type' | 'field'>[] = [
  { type: 'Meeting', field: 'minutes' },
  { type: 'Query', field: 'resolutionsReport' },
  { type: 'Query', field: 'search' },
  { type: 'File', field: 'text' },
];

/**
 * Whether the document asks for a field of one of these names anywhere (fragments included).
 * Remembered per document (Yoga's parse cache hands out the same one for the same text), so that
 * the limiter walks and copies only the documents it may count something in.
 */
function mentioning(names: Set<string>): (document: DocumentNode) => boolean {
  const known = new WeakMap<DocumentNode, boolean>();
  return (document) => {
    let mentions = known.get(document);
    if (mentions === undefined) {
      mentions = false;
      visit(document, { Field: (node) => (names.has(node.name.value) ? ((mentions = true), BREAK) : undefined) });
      known.set(document, mentions);
    }
    return mentions;
  };
}

interface RequestContext {
  viewer: Viewer;
  /** The Node request of HTTP and SSE, and what is kept of a WebSocket's upgrade request. */
  req?: UpgradeRequest;
}

export function rateLimits(settings: RateLimits, stores: RateLimitStores): Plugin[] {
  const address = (ctx: RequestContext) => {
    const forwarded = settings.trustProxy ? ctx.req?.headers['x-forwarded-for'] : undefined;
    // The address the (one, trusted) proxy saw is the last it appended.
    const proxied = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
    return `address:${proxied || ctx.req?.socket.remoteAddress || 'unknown'}`;
  };
  const client = (ctx: RequestContext) => (ctx.viewer.personId ? `person:${ctx.viewer.personId}` : address(ctx));
  const window = `${settings.windowSeconds}s`;
  const refuse = (message: string) =>
    new ApiError('RATE_LIMITED', `${message} Try again in ${settings.windowSeconds} seconds.`, {
      retryAfter: settings.windowSeconds,
      http: { status: 429, headers: { 'Retry-After': String(settings.windowSeconds) } },
    });

  // Every root field an anonymous client asks for counts against one budget per address.
  const anonymous = () => {
    const limiter = useRateLimiter({
      identifyFn: (ctx) => address(ctx as RequestContext),
      store: stores.store('anonymous', (identity) => identity.contextIdentity, settings.anonymous),
      configByField: [{ type: 'Query', field: '*', max: settings.anonymous, window }],
      formatError: () => 'Too many requests without a token from this address.',
      transformError: refuse,
    });
    return {
      onExecute: (payload) => ((payload.args.contextValue as unknown as RequestContext).viewer.signedIn ? undefined : limiter.onExecute?.(payload as never)),
    } as Plugin;
  };
  const expensive = () => {
    const limiter = useRateLimiter({
      identifyFn: (ctx) => client(ctx as RequestContext),
      store: stores.store('expensive', (identity) => `${identity.contextIdentity}:${identity.fieldIdentity}`, settings.expensive),
      configByField: EXPENSIVE_FIELDS.map((field) => ({ ...field, max: settings.expensive, window })),
      formatError: ({ fieldName }) => `Too many requests for ${fieldName} from this client.`,
      transformError: refuse,
    });
    const mayCount = mentioning(new Set(EXPENSIVE_FIELDS.map(({ field }) => field)));
    return {
      onExecute: (payload) => (mayCount(payload.args.document) ? limiter.onExecute?.(payload as never) : undefined),
    } as Plugin;
  };
  // The expensive fields first: the limiter hands on a copy of the document, which the check of
  // the names would meet for the first time.
  return [...(settings.expensive ? [expensive()] : []), ...(settings.anonymous ? [anonymous()] : [])];
}
