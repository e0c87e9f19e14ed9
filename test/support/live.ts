// Subscription clients for the tests: graphql-ws over WebSocket and Yoga's SSE over fetch. Each
// collects what arrives, so that a test can wait for the n-th result or the end of the stream.
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { GraphQLResponse, TestServer } from './server.js';

export interface Subscription<T = any> {
  results: GraphQLResponse<T>[];
  /** Resolves once `count` results have arrived. */
  received(count: number): Promise<GraphQLResponse<T>[]>;
  /** Resolves once the results so far satisfy `done`. */
  until(done: (results: GraphQLResponse<T>[]) => boolean): Promise<GraphQLResponse<T>[]>;
  /** Resolves when the server completes the stream (or the client closes it); rejects when it fails. */
  completed: Promise<void>;
  /** Ends the stream from the client's side; `completed` then settles, or rejects naming the step if it has not after STEP_TICKS. */
  close(): void;
}

function collector<T>() {
  const results: GraphQLResponse<T>[] = [];
  let waiters: { done: (results: GraphQLResponse<T>[]) => boolean; resolve: () => void; reject: (e: Error) => void }[] = [];
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const completed = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  completed.catch(() => {});
  let ended = false;
  const check = () => {
    waiters = waiters.filter((waiter) => {
      if (waiter.done(results)) waiter.resolve();
      else if (ended) waiter.reject(new Error(`The stream ended after ${results.length} results: ${JSON.stringify(results.at(-1))}`));
      else return true;
      return false;
    });
  };
  const until = (done: (results: GraphQLResponse<T>[]) => boolean) =>
    new Promise<GraphQLResponse<T>[]>((resolve, reject) => {
      waiters.push({ done, resolve: () => resolve([...results]), reject });
      check();
    });
  const end = (error?: Error) => {
    ended = true;
    if (error) fail(error);
    else finish();
    check();
  };
  return {
    completed,
    push: (result: GraphQLResponse<T>) => {
      results.push(result);
      check();
    },
    end,
    /** The Subscription; `stop` ends the stream on the client's side, which must then end within STEP_TICKS (`step` names it). */
    subscription: (stop: () => void, step: string): Subscription<T> => ({
      results,
      completed,
      until,
      received: (count: number) => until((so) => so.length >= count).then((so) => so.slice(0, count)),
      close: () => {
        stop();
        within(completed, step).catch((error: Error) => end(error));
      },
    }),
  };
}

/**
 * How long a step of a subscription's setup or teardown (acknowledgement, SSE response, end after
 * close, dispose) may take: a hang fails within this, naming the step, instead of at the test's
 * timeout. Counted in ticks of a 1 s timer, not read off the clock, so that a stall of the event
 * loop (the server runs in this process, PGlite's queries on its loop) does not count against it.
 */
const STEP_TICKS = 30;

/** `promise`, or a rejection naming `step` if it is still pending after STEP_TICKS ticks. */
function within<T>(promise: Promise<T>, step: string): Promise<T> {
  let ticks = 0;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (++ticks >= STEP_TICKS) reject(new Error(`${step}: nothing after ${STEP_TICKS} s of this process's own time`));
    }, 1000);
  });
  return Promise.race([promise, late]).finally(() => clearInterval(timer));
}

/** The start of a document, to name it in an error. */
const nameOf = (query: string) => {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
};

/** A graphql-ws close event (or error) as an Error that says which. */
const asError = (error: unknown) =>
  error instanceof Error ? error : typeof error === 'object' && error && 'code' in error ? new Error(`The WebSocket closed with ${String(error.code)} ${String((error as { reason?: unknown }).reason ?? '')}`.trim()) : new Error(JSON.stringify(error));

/** A graphql-ws client whose dispose fails after STEP_TICKS rather than waiting forever. */
export function wsClient(server: Pick<TestServer, 'url'>, token?: string): Client {
  const client = createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  return { ...client, dispose: () => within(Promise.resolve(client.dispose()), 'Disposing of a WebSocket client') };
}

/**
 * Subscribes over WebSocket; resolves once the server has acknowledged the connection, and
 * rejects if the subscription ends before that (the connection closed or was refused).
 */
export async function wsSubscribe<T = any>(client: Client, query: string, variables: Record<string, unknown>): Promise<Subscription<T>> {
  const collected = collector<T>();
  let off = () => {};
  const connected = new Promise<void>((resolve) => (off = client.on('connected', () => resolve())));
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => collected.push(result as GraphQLResponse<T>),
      error: (error) => collected.end(asError(error)),
      complete: () => collected.end(),
    },
  );
  const endedFirst = collected.completed.then(
    () => Promise.reject(new Error('The subscription completed before the connection was acknowledged')),
    (error: Error) => Promise.reject(new Error(`The subscription ended before the connection was acknowledged: ${error.message}`)),
  );
  await within(Promise.race([connected, endedFirst]), `The acknowledgement of a WebSocket subscription to ${nameOf(query)}`).finally(off);
  return collected.subscription(unsubscribe, `The end of a WebSocket subscription to ${nameOf(query)} after close()`);
}

/** Subscribes over SSE (POST with accept: text/event-stream); resolves once the response has begun. */
export async function sseSubscribe<T = any>(server: Pick<TestServer, 'url'>, query: string, variables: Record<string, unknown>, token?: string): Promise<Subscription<T> & { raw: () => string }> {
  const collected = collector<T>();
  const abort = new AbortController();
  const response = await within(
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: abort.signal,
    }),
    `The response to an SSE subscription to ${nameOf(query)}`,
  ).catch((error: Error) => {
    abort.abort();
    throw error;
  });
  let raw = '';
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        raw += text;
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(message)?.[1];
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (event === 'complete') return collected.end();
          if (data) collected.push(JSON.parse(data));
        }
      }
      collected.end();
    } catch (error) {
      collected.end(abort.signal.aborted ? undefined : (error as Error));
    }
  })();
  return { ...collected.subscription(() => abort.abort(), `The end of an SSE subscription to ${nameOf(query)} after close()`), raw: () => raw };
}
