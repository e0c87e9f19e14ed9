// The pages use only the public GraphQL API: queries and mutations over HTTP POST /graphql,
// subscriptions over graphql-ws on the same endpoint (and, on a page that follows a meeting, the
// member's ballot over that connection). Operations are typed documents generated
// by graphql-codegen from web/src/operations (as strings, so no graphql-js in the bundle), sent
// by their registered hash.
import { createClient } from 'graphql-ws';
import type { TypedDocumentString } from './generated/graphql';

/** An error the API reported, with its stable code (NOT_ENTITLED, ALREADY_VOTED, …), or NETWORK. */
export class ApiError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

interface Result<R> {
  data?: R | null;
  errors?: readonly { message: string; extensions?: { code?: unknown } }[];
}

function firstError(errors: Result<unknown>['errors']): ApiError | undefined {
  const error = errors?.[0];
  return error && new ApiError(error.message, typeof error.extensions?.code === 'string' ? error.extensions.code : undefined);
}

const authorization = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/**
 * The pages' operations are registered on the server as trusted documents (codegen's
 * persisted-documents.json): the pages send the document's SHA-256 hash, never its text, so they
 * also work where the server runs registered documents only.
 */
function registered(document: { __meta__?: Record<string, unknown> }) {
  const hash = String(document.__meta__?.hash).replace(/^sha256:/, '');
  return { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
}

const offline = () => new ApiError('Keine Verbindung zum Server.', 'NETWORK');

/** The data of an answer, or the API's first error. */
function dataOf<R>(body: Result<R> | undefined): R {
  const error = firstError(body?.errors);
  if (error) throw error;
  if (!body?.data) throw new ApiError('Leere Antwort des Servers.');
  return body.data;
}

export async function request<R, V>(document: TypedDocumentString<R, V>, variables: V, token?: string): Promise<R> {
  let body: Result<R>;
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...authorization(token) },
      body: JSON.stringify({ ...registered(document), variables }),
    });
    body = (await response.json()) as Result<R>;
  } catch {
    throw offline();
  }
  return dataOf(body);
}

export interface FollowOptions<R, V> {
  document: TypedDocumentString<R, V>;
  /** The meeting's eventCursor, read with the state the page shows: nothing after it is missed. */
  after: string;
  /** The variables for a (re)subscription: `after` is the cursor of the last event seen. */
  variables: (after: string) => V;
  cursorOf: (data: R) => string;
  token?: string;
  onEvent: (data: R) => void;
  /** The subscription is (again) in place. */
  onLive: () => void;
  onOffline: () => void;
  /** The API refused the subscription (bad id, expired token): retrying will not help. */
  onFatal: (error: ApiError) => void;
}

const PING_EVERY_MS = 10_000;
const PONG_WITHIN_MS = 5_000;
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000];
const MAX_BACKOFF_MS = 20_000;

/** What a page following a meeting can do over the same connection. */
export interface Following {
  /**
   * A query or mutation over the connection that follows (signed in as it is), answered once:
   * a member's phone casts its ballot over the socket it holds anyway, without a request of its own.
   */
  request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R>;
}

/**
 * Follows a resumable subscription (meetingEvents) for as long as the page lives. graphql-ws
 * would resubscribe with the original variables after a reconnect; we need the latest cursor
 * instead, so the client does not retry by itself and this loop resubscribes, with backoff,
 * from the cursor of the last event received (at first, the cursor the page loaded with). A dead connection is noticed by a missing pong
 * or the browser going offline.
 */
export function followEvents<R, V>(options: FollowOptions<R, V>): Following {
  let cursor = options.after;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
  const client = createClient({
    url,
    lazy: true,
    retryAttempts: 0,
    keepAlive: PING_EVERY_MS,
    connectionParams: () => authorization(options.token),
    on: {
      connected: () => {
        failures = 0;
        options.onLive();
      },
      ping: (received) => {
        if (!received) pongTimer = setTimeout(() => client.terminate(), PONG_WITHIN_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: () => clearTimeout(pongTimer),
    },
  });

  const subscribe = () => {
    retryTimer = undefined;
    client.subscribe<R>(
      // graphql-ws wants a query string: an empty one stands for "the registered document".
      { query: '', ...registered(options.document), variables: options.variables(cursor) as Record<string, unknown> },
      {
        next: (result) => {
          const error = firstError(result.errors);
          if (error) return options.onFatal(error);
          if (!result.data) return;
          cursor = options.cursorOf(result.data);
          options.onEvent(result.data);
        },
        error: (error) => {
          if (Array.isArray(error)) return options.onFatal(firstError(error) ?? new ApiError('Abonnement abgelehnt.'));
          options.onOffline();
          retryLater();
        },
        // The server ended the stream (e.g. it is shutting down): carry on from the cursor.
        complete: () => retryLater(),
      },
    );
  };

  const retryLater = () => {
    if (retryTimer) return;
    const wait = BACKOFF_MS[failures] ?? MAX_BACKOFF_MS;
    failures += 1;
    retryTimer = setTimeout(subscribe, wait * (0.75 + Math.random() / 2));
  };

  addEventListener('offline', () => client.terminate());
  addEventListener('online', () => {
    if (!retryTimer) return;
    clearTimeout(retryTimer);
    subscribe();
  });
  subscribe();

  return {
    request: <Q, W>(document: TypedDocumentString<Q, W>, variables: W) =>
      new Promise<Q>((resolve, reject) => {
        let answer: Result<Q> | undefined;
        client.subscribe<Q>(
          { query: '', ...registered(document), variables: variables as Record<string, unknown> },
          {
            next: (result) => void (answer = result),
            // Refused before it ran (a list of errors), or the connection failed.
            error: (error) => reject(Array.isArray(error) ? (firstError(error) ?? new ApiError('Abgelehnt.')) : offline()),
            complete: () => {
              try {
                resolve(dataOf(answer));
              } catch (error) {
                reject(error);
              }
            },
          },
        );
      }),
  };
}
