// The subscribers of bench/fanout.ts, in a process of their own (forked by it), so that the
// figures measured are the server's, not those of its load. Commands arrive over IPC:
//   connect  opens `count` sockets (graphql-ws with a subscription, or bare) and answers 'connected'
//   await    answers 'armed', then waits for the first message containing `match` on every socket
//            and answers the arrival times (epoch milliseconds, comparable across processes) and
//            how many sockets missed it, with one such message
//   close    terminates the sockets and answers 'closed'
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

export type ClientCommand =
  | { type: 'connect'; url: string; count: number; subscribe?: { query: string; variables: Record<string, unknown> } }
  | { type: 'await'; match: string; timeoutMs: number }
  | { type: 'close' };

export type ClientReply = { type: 'connected' } | { type: 'armed' } | { type: 'arrived'; times: number[]; missing: number; sample?: string } | { type: 'closed' };

/** Sockets opened at once; more simultaneous connects overflow the listen backlog. */
const BATCH = 250;
const now = () => performance.timeOrigin + performance.now();

let sockets: WebSocket[] = [];

/** Resolves with the socket's next message; rejects if it closes (or fails) first. */
function nextMessage(socket: WebSocket, event: 'open' | 'message') {
  return new Promise<void>((resolve, reject) => {
    const closed = () => reject(new Error('closed'));
    socket.once('close', closed);
    socket.once('error', closed);
    socket.once(event, () => {
      socket.off('close', closed);
      socket.off('error', closed);
      resolve();
    });
  });
}

/** Opens one socket; on a loaded machine the server may time out its connection_init: then again. */
async function open(url: string, subscribe: (ClientCommand & { type: 'connect' })['subscribe']): Promise<WebSocket> {
  for (let attempt = 1; ; attempt++) {
    const socket = new WebSocket(url, subscribe ? 'graphql-transport-ws' : undefined);
    try {
      await nextMessage(socket, 'open');
      if (subscribe) {
        socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
        await nextMessage(socket, 'message'); // connection_ack
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: subscribe }));
      }
      return socket;
    } catch (error) {
      socket.terminate();
      if (attempt === 5) throw error;
    }
  }
}

async function connect({ url, count, subscribe }: ClientCommand & { type: 'connect' }) {
  for (let index = 0; index < count; index += BATCH) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, count - index) }, () => open(url, subscribe)))));
  }
}

function arrivals(match: string, timeoutMs: number, armed: () => void): Promise<{ times: number[]; missing: number; sample?: string }> {
  return new Promise((resolve) => {
    const times: number[] = [];
    let sample: string | undefined;
    const listeners = new Map<WebSocket, (raw: WebSocket.RawData) => void>();
    const finish = () => {
      clearTimeout(timer);
      for (const [socket, listener] of listeners) socket.off('message', listener);
      resolve({ times, missing: sockets.length - times.length, sample });
    };
    const timer = setTimeout(finish, timeoutMs);
    for (const socket of sockets) {
      const listener = (raw: WebSocket.RawData) => {
        const data = raw.toString();
        if (!data.includes(match)) return;
        times.push(now());
        sample ??= data;
        socket.off('message', listener);
        listeners.delete(socket);
        if (times.length === sockets.length) finish();
      };
      listeners.set(socket, listener);
      socket.on('message', listener);
    }
    armed();
  });
}

process.on('message', async (command: ClientCommand) => {
  const reply = (message: ClientReply) => process.send!(message);
  switch (command.type) {
    case 'connect':
      await connect(command);
      return reply({ type: 'connected' });
    case 'await':
      return reply({ type: 'arrived', ...(await arrivals(command.match, command.timeoutMs, () => reply({ type: 'armed' }))) });
    case 'close':
      for (const socket of sockets) socket.terminate();
      sockets = [];
      return reply({ type: 'closed' });
  }
});
