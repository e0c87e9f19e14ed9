// graphql-ws (its protocol server, makeServer) on the sockets of a `ws` server, in place of
// graphql-ws' own use/ws adapter, so that an idle socket costs little more than the socket: a
// live meeting may have ten thousand of them. What use/ws keeps per socket and this does not: a
// keep-alive timer and its closures and a timer for the wait for connection_init (one sweep for
// all sockets here, with the same behaviour: a ping every 12 s, and a socket that has not answered
// the last one by the next is cut; a socket that has sent nothing 3 s after opening is closed with
// 4408), the upgrade request (only what the rate limits read of it is kept) and each message's
// Buffer, which use/ws' async listener holds for as long as a subscription runs.
import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { logger } from '../observability/logger.js';

/** What the rate limits read of a WebSocket's upgrade request (src/server/rate-limit.ts). */
export type UpgradeRequest = Pick<IncomingMessage, 'headers'> & { socket: Pick<IncomingMessage['socket'], 'remoteAddress'> };

/** graphql-ws' `extra` of each socket. */
export interface SocketExtra {
  socket: WebSocket;
  request: UpgradeRequest;
}

/**
 * The waits are counted in sweeps, not read off the clock: between two sweeps the event loop reads
 * the sockets. After a stall of the loop (a long synchronous query of the embedded PGlite, a
 * loaded machine), the clock would say a socket's time is up while its pong or connection_init
 * lies unread, and a live client would be cut or refused.
 */
const SWEEP_MS = 500;
/** A ping every 12 s; a socket that has not answered by the next ping is cut. */
const KEEP_ALIVE_SWEEPS = 12_000 / SWEEP_MS;
/** A socket that has sent nothing for 3 s is closed with 4408, as graphql-ws does. */
const INIT_WAIT_SWEEPS = 3_000 / SWEEP_MS;

const NO_HEADERS = Object.freeze({});
/** The socket (kept by ws anyway) is asked for its address only when a rate limit needs it. */
const leanRequest = ({ headers, socket }: IncomingMessage): UpgradeRequest => ({
  headers: headers['x-forwarded-for'] === undefined ? NO_HEADERS : { 'x-forwarded-for': headers['x-forwarded-for'] },
  socket,
});

/**
 * The socket as graphql-ws' protocol server sees it. A class, not an object of closures: an idle
 * socket keeps this record and graphql-ws' own state alone.
 */
class Connection {
  /** graphql-ws' handler of incoming messages, and what it does when the socket closes. */
  handle?: (data: string) => Promise<void>;
  closed?: (code: number, reason: string) => Promise<void>;

  constructor(private readonly socket: WebSocket) {}

  get protocol() {
    return this.socket.protocol;
  }

  send(data: string) {
    return new Promise<void>((resolve, reject) => {
      if (this.socket.readyState !== this.socket.OPEN) return resolve();
      this.socket.send(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(code: number, reason: string) {
    this.socket.close(code, reason);
  }

  onMessage(handle: (data: string) => Promise<void>) {
    this.handle = handle;
  }
}

export function serveGraphqlWs(options: ServerOptions<Record<string, unknown> | undefined, SocketExtra>, sockets: WebSocketServer) {
  const server = makeServer({ ...options, connectionInitWaitTimeout: Infinity });
  sockets.options.handleProtocols = handleProtocols;
  const connections = new WeakMap<WebSocket, Connection>();
  /** Sockets that answered the last ping (or are new). */
  const answered = new WeakSet<WebSocket>();
  // Listeners shared by all sockets (`this` is the socket).
  function pong(this: WebSocket) {
    answered.add(this);
  }
  function failed(this: WebSocket, error: Error & { code?: string }) {
    // ws reports a client's protocol violation (a message over WS_MAX_MESSAGE_BYTES, a bad frame)
    // as an error with a WS_ERR_ code and closes the socket itself with its code (1009, 1002).
    if (error.code?.startsWith('WS_ERR_')) return logger.debug({ err: error.message, code: error.code }, 'A WebSocket client broke the protocol');
    logger.error({ err: error.message }, 'A WebSocket failed');
    if (this.readyState === this.OPEN) this.close(CloseCode.InternalServerError, 'Internal server error');
  }
  let sweeps = 0;
  /** Sockets that have sent nothing yet, with the sweeps done when they opened (oldest first). */
  const awaitingInit = new Map<WebSocket, number>();
  function message(this: WebSocket, data: RawData) {
    const socket = this;
    awaitingInit.delete(socket);
    connections
      .get(socket)
      ?.handle?.(String(data))
      .catch((error: Error) => {
        logger.error({ err: error.message }, 'Handling a WebSocket message failed');
        socket.close(CloseCode.InternalServerError, 'Internal server error');
      });
  }
  function close(this: WebSocket, code: number, reason: Buffer) {
    awaitingInit.delete(this);
    void connections.get(this)?.closed?.(code, String(reason));
  }
  const sweep = setInterval(() => {
    sweeps += 1;
    if (sweeps % KEEP_ALIVE_SWEEPS === 0) {
      for (const socket of sockets.clients) {
        if (!answered.delete(socket)) socket.terminate();
        else socket.ping();
      }
    }
    for (const [socket, opened] of awaitingInit) {
      if (sweeps - opened <= INIT_WAIT_SWEEPS) break;
      awaitingInit.delete(socket);
      socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
    }
  }, SWEEP_MS);
  sweep.unref();

  sockets.on('connection', (socket, request) => {
    const connection = new Connection(socket);
    connections.set(socket, connection);
    answered.add(socket);
    awaitingInit.set(socket, sweeps);
    // `on`, not `once`: once wraps each listener in objects of its own; close comes once anyway.
    socket.on('pong', pong);
    socket.on('error', failed);
    socket.on('message', message);
    socket.on('close', close);
    connection.closed = server.opened(connection, { socket, request: leanRequest(request) });
  });

  return {
    /** Closes every socket with 1001 (going away). */
    dispose: async () => {
      clearInterval(sweep);
      for (const socket of sockets.clients) socket.close(1001, 'Going away');
      sockets.removeAllListeners();
      await new Promise<void>((resolve, reject) => sockets.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
