// graphql-ws' protocol (graphql-transport-ws) spoken by the sockets of a `ws` server themselves,
// in place of graphql-ws' server (makeServer and its use/ws adapter), so that a socket costs
// little more than the socket: a live meeting may have ten thousand of them. graphql-ws keeps per
// socket a context, a record of its subscriptions, closures for its messages and close, a timer
// for the wait for connection_init and a keep-alive timer; and per subscription the suspended
// handler of its subscribe message (the message, its text, the arguments, three closures and the
// promises of the loop over the stream). Here the socket is one object, a subclass of ws'
// WebSocket that handles its own events (no listeners of its own), with its subscriptions in a
// map; a member of a shared subscription group (src/live/subscription-groups.ts) writes its
// messages to the socket and ends itself, so that a running subscription is that member alone.
// Shared by all sockets: one sweep for the heartbeat (a ping every 12 s; a socket that has not
// answered the last one by the next is cut) and the wait for connection_init (a socket that has
// sent no connection_init 3 s after opening is closed with 4408). The messages, their checks and the close
// codes are graphql-ws' own (parseMessage, stringifyMessage, CloseCode).
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { CloseCode, GRAPHQL_TRANSPORT_WS_PROTOCOL, handleProtocols, MessageType, parseMessage, stringifyMessage, type SubscribePayload } from 'graphql-ws';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { isAsyncIterable } from 'graphql-yoga';
import type { Viewer } from '../access/viewer.js';
import { logger } from '../observability/logger.js';
import type { Turns } from './turns.js';

/** What the rate limits read of a WebSocket's upgrade request (src/server/rate-limit.ts). */
export type UpgradeRequest = Pick<IncomingMessage, 'headers'> & { socket: Pick<IncomingMessage['socket'], 'remoteAddress'> };

/** A running operation as the socket ends it (client's complete, socket closed): a stream, or a group member. */
export interface Running {
  return?(): unknown;
}

/** What a subscribe message comes to. */
export type Outcome =
  /** Refused before execution: answered with an `error` message. */
  | { errors: readonly GraphQLError[] }
  /** A result, or a stream of them, that the socket sends, then `complete`. */
  | { result: ExecutionResult | AsyncIterable<ExecutionResult> }
  /** The operation was handed over (GraphqlWsSocket.handOver) to one that writes its own messages. */
  | { delivering: true };

export interface GraphqlWsHandlers {
  /** connection_init: the socket's viewer, or undefined to refuse it (4403 Forbidden). */
  connect(params: Record<string, unknown> | undefined): Promise<Viewer | undefined>;
  /**
   * A subscribe message of an acknowledged socket (counted in `socket.operations` already, as
   * `operation` until it runs).
   */
  subscribe(socket: GraphqlWsSocket, id: string, payload: SubscribePayload, operation: object): Promise<Outcome>;
}

export interface GraphqlWsSocket extends WebSocket {
  /** Set at connection_init: the socket's viewer. */
  readonly viewer?: Viewer;
  /** Running operations by id (null while the subscribe message is being handled). */
  readonly operations: Map<string, object>;
  /** What is kept of the upgrade request. */
  readonly request: UpgradeRequest;
  /**
   * The operation under `id` is `from` from now on `to` (a subscription that writes its own
   * messages and ends with `ended`); false if `from` no longer runs (the client completed it).
   */
  handOver(id: string, from: object, to: Running): boolean;
  /**
   * A subscription that writes its own messages has ended: if it still runs under `id`, its last
   * result (an ending error), if any, and `complete` are sent.
   */
  ended(id: string, running: Running, last?: ExecutionResult): void;
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
/** A socket without connection_init 3 s after opening is closed with 4408, as graphql-ws does. */
const INIT_WAIT_SWEEPS = 3_000 / SWEEP_MS;

const NO_HEADERS = Object.freeze({});
/**
 * Messages of one socket waiting for their turn (src/server/turns.ts) before the socket is read no
 * further: a client that floods messages is held back by TCP, instead of growing the queue, and
 * the server's memory, without bound.
 */
const MAX_WAITING_MESSAGES = 32;
/**
 * Bytes written to a socket that its client has not read yet (ws' bufferedAmount) before the socket
 * is read no further until they have gone: a client that sends pings (or queries) and never reads
 * the answers is held back by TCP, instead of growing the server's write buffer without bound.
 */
const MAX_UNREAD_BYTES = 1024 * 1024;

export function serveGraphqlWs(handlers: GraphqlWsHandlers, { turns, ...options }: { server: Server; path: string; maxPayload: number; turns: Turns }) {
  /** Sockets that answered the last ping (or are new). */
  const answered = new WeakSet<WebSocket>();
  let sweeps = 0;
  /** Sockets that have not sent connection_init yet, with the sweeps done when they opened (oldest first). */
  const awaitingInit = new Map<WebSocket, number>();

  class Connection extends WebSocket implements GraphqlWsSocket {
    viewer?: Viewer;
    operations = new Map<string, object>();
    private initReceived = false;
    /** The TCP socket (ws keeps it anyway) and a proxy's x-forwarded-for, for the rate limits. */
    private tcp!: Socket;
    private forwardedFor?: string | string[];
    private waiting = 0;
    /** Reading waits for the client to take what was written (MAX_UNREAD_BYTES). */
    private awaitingDrain = false;

    get request(): UpgradeRequest {
      return { headers: this.forwardedFor === undefined ? NO_HEADERS : { 'x-forwarded-for': this.forwardedFor }, socket: this.tcp };
    }

    opened(request: IncomingMessage) {
      this.tcp = request.socket;
      this.forwardedFor = request.headers['x-forwarded-for'];
      if (this.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) return this.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
      answered.add(this);
      awaitingInit.set(this, sweeps);
    }

    // ws reports everything through emit; the socket handles its events itself instead of
    // keeping a listener object per socket. Other events (close, for the server's client
    // tracking) go on to listeners.
    override emit(event: string | symbol, ...args: any[]): boolean {
      switch (event) {
        case 'message':
          // A socket of another subprotocol is being closed (4406); graphql-ws reads nothing of it.
          if (this.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) return true;
          // In order with the messages of every other socket, a handful per turn (src/server/turns.ts).
          this.waiting += 1;
          this.readOnlyIfKeepingUp();
          turns.take(() => {
            this.waiting -= 1;
            this.readOnlyIfKeepingUp();
            this.received(String(args[0] as RawData)).catch((error: Error) => {
              logger.error({ err: error.message }, 'Handling a WebSocket message failed');
              this.close(CloseCode.InternalServerError, 'Internal server error');
            });
          });
          return true;
        case 'pong':
          answered.add(this);
          return true;
        case 'error':
          this.failed(args[0] as Error & { code?: string });
          return true;
        case 'close':
          awaitingInit.delete(this);
          this.stopAll();
          break;
      }
      return super.emit(event, ...args);
    }

    /**
     * The socket is read while its messages waiting for their turn and its answers not yet read by
     * the client stay below their limits; over the latter, reading waits until TCP has taken them.
     */
    private readOnlyIfKeepingUp() {
      if (this.readyState !== this.OPEN) return;
      if (this.bufferedAmount > MAX_UNREAD_BYTES) {
        if (!this.isPaused) this.pause();
        if (!this.awaitingDrain) {
          this.awaitingDrain = true;
          this.tcp.once('drain', () => {
            this.awaitingDrain = false;
            this.readOnlyIfKeepingUp();
          });
        }
      } else if (this.waiting >= MAX_WAITING_MESSAGES) {
        if (!this.isPaused) this.pause();
      } else if (this.isPaused) this.resume();
    }

    private failed(error: Error & { code?: string }) {
      // ws reports a client's protocol violation (a message over WS_MAX_MESSAGE_BYTES, a bad frame)
      // as an error with a WS_ERR_ code and closes the socket itself with its code (1009, 1002).
      if (error.code?.startsWith('WS_ERR_')) return logger.debug({ err: error.message, code: error.code }, 'A WebSocket client broke the protocol');
      logger.error({ err: error.message }, 'A WebSocket failed');
      if (this.readyState === this.OPEN) this.close(CloseCode.InternalServerError, 'Internal server error');
    }

    private write(message: Parameters<typeof stringifyMessage>[0]) {
      if (this.readyState === this.OPEN) this.send(stringifyMessage(message));
    }

    private async received(data: string) {
      // Closed while the message waited for its turn: its operations have ended, and it starts none.
      if (this.readyState !== this.OPEN) return;
      let message: ReturnType<typeof parseMessage>;
      try {
        message = parseMessage(data);
      } catch {
        return this.close(CloseCode.BadRequest, 'Invalid message received');
      }
      switch (message.type) {
        case MessageType.ConnectionInit: {
          if (this.initReceived) return this.close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
          // Only connection_init ends the wait: a socket that only pings would otherwise stay unacknowledged for good.
          awaitingInit.delete(this);
          this.initReceived = true;
          const viewer = await handlers.connect(message.payload ?? undefined);
          if (!viewer) return this.close(CloseCode.Forbidden, 'Forbidden');
          this.viewer = viewer;
          return this.write({ type: MessageType.ConnectionAck });
        }
        case MessageType.Ping:
          return this.write(message.payload ? { type: MessageType.Pong, payload: message.payload } : { type: MessageType.Pong });
        case MessageType.Pong:
          return;
        case MessageType.Subscribe: {
          if (!this.viewer) return this.close(CloseCode.Unauthorized, 'Unauthorized');
          const { id, payload } = message;
          if (this.operations.has(id)) return this.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
          return this.operate(id, payload);
        }
        case MessageType.Complete: {
          const running = this.operations.get(message.id) as Running | undefined;
          this.operations.delete(message.id);
          await running?.return?.();
          return;
        }
        default:
          // A message only a server sends (next, error, connection_ack) is the client's mistake, not ours.
          return this.close(CloseCode.BadRequest, `Unexpected message of type ${message.type} received`);
      }
    }

    /**
     * Runs one operation under `id`, as graphql-ws does. The client's complete (or the close)
     * ends it by removing it from `operations`, after which it sends nothing more.
     */
    private async operate(id: string, payload: SubscribePayload) {
      // Stands for the operation until it runs (a client may complete it meanwhile and reuse its id).
      const pending = {};
      this.operations.set(id, pending);
      const current = (running: object) => this.operations.get(id) === running;
      try {
        const outcome = await handlers.subscribe(this, id, payload, pending);
        if ('errors' in outcome) {
          if (current(pending)) this.write({ id, type: MessageType.Error, payload: outcome.errors.map((error) => error.toJSON()) });
          return;
        }
        // Handed over: it writes its messages and ends itself (`ended`).
        if ('delivering' in outcome) return;
        if (!isAsyncIterable(outcome.result)) {
          if (current(pending)) this.next(id, outcome.result);
          if (current(pending)) this.complete(id);
          return;
        }
        const stream = outcome.result[Symbol.asyncIterator]();
        if (!current(pending)) return void (await stream.return?.());
        this.operations.set(id, stream);
        try {
          for (let next = await stream.next(); !next.done && current(stream); next = await stream.next()) this.next(id, next.value);
          if (current(stream)) this.complete(id);
        } catch (error) {
          if (!current(stream)) return;
          this.operations.delete(id);
          const cause = error instanceof Error ? error : new Error(String(error));
          this.write({ id, type: MessageType.Error, payload: [new GraphQLError(cause.message, { originalError: cause }).toJSON()] });
        }
      } finally {
        if (current(pending)) this.operations.delete(id);
      }
    }

    private next(id: string, { errors, ...result }: ExecutionResult) {
      this.write({ id, type: MessageType.Next, payload: errors ? { ...result, errors: errors.map((error) => error.toJSON()) } : result });
    }

    private complete(id: string) {
      this.operations.delete(id);
      this.write({ id, type: MessageType.Complete });
    }

    handOver(id: string, from: object, to: Running) {
      if (this.operations.get(id) !== from) return false;
      this.operations.set(id, to);
      return true;
    }

    ended(id: string, running: Running, last?: ExecutionResult) {
      if (this.operations.get(id) !== running) return;
      if (last) this.next(id, last);
      this.complete(id);
    }

    /** The socket has closed: its operations end, without a word. */
    private stopAll() {
      const running = [...this.operations.values()] as Running[];
      this.operations.clear();
      for (const operation of running) void operation.return?.();
    }
  }

  const sockets = new WebSocketServer({ ...options, WebSocket: Connection, handleProtocols });
  sockets.on('connection', (socket: Connection, request) => socket.opened(request));

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

  return {
    clients: () => sockets.clients.size,
    /** Closes every socket with 1001 (going away). */
    dispose: async () => {
      clearInterval(sweep);
      for (const socket of sockets.clients) socket.close(1001, 'Going away');
      sockets.removeAllListeners();
      await new Promise<void>((resolve, reject) => sockets.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
