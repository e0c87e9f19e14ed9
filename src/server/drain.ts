// Graceful shutdown of the HTTP side, for instances behind a load balancer that are restarted
// during the day. On SIGTERM the instance stops taking work without cutting what it is doing:
// readiness turns false, the listening socket closes, idle keep-alive connections close first
// (and busy ones after their response, with `Connection: close`) so that a balancer never sends
// a request into a socket we are closing, WebSockets close with 1001 (going away) so that
// clients reconnect elsewhere, SSE streams end so that clients resume by cursor elsewhere, and
// requests in flight (mutations included) get until the deadline to finish.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface Drain {
  /** True once shutdown has begun: readiness answers 503. */
  readonly draining: boolean;
  /** SSE responses open now (metrics). */
  eventStreams(): number;
  /** Counts the request as in flight until its response is finished or the client went away. */
  track(request: IncomingMessage, response: ServerResponse): void;
  /**
   * Stops the server: resolves when every connection is closed, at the latest `deadlineMs`
   * after the start, when whatever is still open is cut.
   */
  stop(options: { deadlineMs: number; closeWebSockets: () => Promise<void> }): Promise<void>;
}

export function createDrain(server: Server): Drain {
  const inFlight = new Map<ServerResponse, IncomingMessage>();
  let draining = false;
  let allDone: (() => void) | undefined;

  const settle = () => {
    if (!draining) return;
    // The response may have left a keep-alive connection idle: close it before it is reused.
    server.closeIdleConnections();
    if (!inFlight.size) allDone?.();
  };

  return {
    get draining() {
      return draining;
    },
    eventStreams: () => [...inFlight].filter(([response, request]) => isEventStream(request, response)).length,
    track(request, response) {
      inFlight.set(response, request);
      if (draining) response.setHeader('connection', 'close');
      response.once('close', () => {
        inFlight.delete(response);
        settle();
      });
    },
    async stop({ deadlineMs, closeWebSockets }) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closeWebSockets();
      for (const [response, request] of inFlight) if (isEventStream(request, response)) endStream(response);
      const finished = new Promise<void>((resolve) => {
        allDone = resolve;
      });
      settle();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)))]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}

/** An SSE subscription (Yoga answers `Accept: text/event-stream` with a stream) that has begun. */
function isEventStream(request: IncomingMessage, response: ServerResponse): boolean {
  return response.headersSent && (request.headers.accept ?? '').includes('text/event-stream');
}

/**
 * Ends the stream as a finished HTTP response, without a GraphQL `complete`: clients see the
 * connection end and resume from their cursor. Yoga notices the closed response and stops the
 * subscription; a write of it that races the end is dropped, not thrown.
 */
function endStream(response: ServerResponse) {
  response.on('error', () => {});
  response.end();
}
