// The instance's connections to Redis (node-redis), when REDIS_URL is set: one for commands
// (live notices, rate-limit counts) and one in subscriber mode, which Redis reserves for
// SUBSCRIBE. Both reconnect forever, so that an instance outlives any Redis outage. The command
// connection has no offline queue: while Redis is down a command fails at once and its caller
// falls back (feeds read the database, rate limits count in memory) instead of waiting.
import { createClient } from 'redis';
import { logger } from './observability/logger.js';

export type RedisClient = ReturnType<typeof createClient>;

export interface Redis {
  commands: RedisClient;
  subscriber: RedisClient;
  /** Whether both connections are up (readiness). */
  connected(): boolean;
  close(): void;
}

const RETRY_MAX_MS = 2_000;

export function connectRedis(url: string): Redis {
  const socket = { reconnectStrategy: (retries: number) => Math.min((retries + 1) * 100, RETRY_MAX_MS) };
  const commands = createClient({ url, socket, disableOfflineQueue: true });
  const subscriber = createClient({ url, socket });
  let closed = false;
  let down = false;
  const logOutage = (error: Error) => {
    // One line per outage, not one per retry; nothing once we are closing.
    if (!down && !closed) logger.warn({ err: error.message }, 'Redis unavailable; live events fall back to the database, rate limits count per instance');
    down = true;
  };
  const connected = () => commands.isReady && subscriber.isReady;
  for (const client of [commands, subscriber]) {
    client.on('error', logOutage);
    client.on('ready', () => (down = false));
    // Not awaited: the instance starts (and serves from the database) while Redis is still down.
    client.connect().catch(logOutage);
  }
  return {
    commands,
    subscriber,
    connected,
    close: () => {
      closed = true;
      // destroy, not close: commands queued during an outage would keep close() waiting.
      commands.destroy();
      subscriber.destroy();
    },
  };
}
