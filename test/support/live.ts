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
  /** Resolves when the server completes the stream. */
  completed: Promise<void>;
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
  return {
    results,
    completed,
    push: (result: GraphQLResponse<T>) => {
      results.push(result);
      check();
    },
    end: (error?: Error) => {
      ended = true;
      if (error) fail(error);
      else finish();
      check();
    },
    until,
    received: (count: number) => until((so) => so.length >= count).then((so) => so.slice(0, count)),
  };
  function until(done: (results: GraphQLResponse<T>[]) => boolean) {
    return new Promise<GraphQLResponse<T>[]>((resolve, reject) => {
      waiters.push({ done, resolve: () => resolve([...results]), reject });
      check();
    });
  }
}

export function wsClient(server: Pick<TestServer, 'url'>, token?: string): Client {
  return createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes over WebSocket; resolves once the server has acknowledged the connection. */
export async function wsSubscribe<T = any>(client: Client, query: string, variables: Record<string, unknown>): Promise<Subscription<T>> {
  const collected = collector<T>();
  const connected = new Promise<void>((resolve) => {
    const off = client.on('connected', () => {
      off();
      resolve();
    });
  });
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => collected.push(result as GraphQLResponse<T>),
      error: (error) => collected.end(error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => collected.end(),
    },
  );
  await connected;
  return { results: collected.results, received: collected.received, until: collected.until, completed: collected.completed, close: unsubscribe };
}

/** Subscribes over SSE (POST with accept: text/event-stream); resolves once the response has begun. */
export async function sseSubscribe<T = any>(server: Pick<TestServer, 'url'>, query: string, variables: Record<string, unknown>, token?: string): Promise<Subscription<T> & { raw: () => string }> {
  const collected = collector<T>();
  const abort = new AbortController();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
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
  return { results: collected.results, received: collected.received, until: collected.until, completed: collected.completed, close: () => abort.abort(), raw: () => raw };
}
