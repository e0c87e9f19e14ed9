// Redis pub/sub (node-redis) on id-scoped channels `meeting:<id>`. Publishing uses its own
// connection with no offline queue, so that while Redis is down a mutation's publish fails at
// once (and is logged) instead of waiting; the subscriber connection reconnects by itself and
// re-subscribes its channels, and every reconnect is reported so that feeds fill in what was
// published meanwhile.
import { createClient } from 'redis';
import type { MeetingNotice, PubSub } from './pubsub.js';
import { logger } from '../observability/logger.js';

const RETRY_MAX_MS = 2_000;

export const topicOf = (meetingId: string) => `meeting:${meetingId}`;

export function createRedisPubSub(url: string): PubSub {
  // Never gives up: an instance outlives any Redis outage.
  const socket = { reconnectStrategy: (retries: number) => Math.min((retries + 1) * 100, RETRY_MAX_MS) };
  const publisher = createClient({ url, socket, disableOfflineQueue: true });
  const subscriber = createClient({ url, socket });
  const listeners = new Map<string, Set<(notice: MeetingNotice) => void>>();
  const reconnectListeners = new Set<() => void>();

  let closed = false;
  let down = false;
  const logOutage = (error: Error) => {
    // One line per outage, not one per retry; nothing once we are closing.
    if (!down && !closed) logger.warn({ err: error.message }, 'Redis unavailable; live events fall back to the database');
    down = true;
  };
  publisher.on('error', logOutage);
  subscriber.on('error', logOutage);
  let connectedBefore = false;
  subscriber.on('ready', () => {
    if (connectedBefore) for (const listener of reconnectListeners) listener();
    connectedBefore = true;
    down = false;
  });
  // Not awaited: the instance starts (and serves from the database) while Redis is still down.
  publisher.connect().catch(logOutage);
  subscriber.connect().catch(logOutage);

  const onMessage = (message: string, channel: string) => {
    const notice = parseNotice(message);
    if (!notice || topicOf(notice.meetingId) !== channel) return;
    for (const listener of listeners.get(notice.meetingId) ?? []) listener(notice);
  };

  return {
    publish: async (notice) => {
      try {
        await publisher.publish(topicOf(notice.meetingId), JSON.stringify({ meetingId: notice.meetingId, sequence: notice.sequence, publishedAt: notice.publishedAt }));
      } catch (error) {
        logOutage(error as Error);
      }
    },
    subscribe: async (meetingId, listener) => {
      const set = listeners.get(meetingId) ?? new Set();
      const first = !set.size;
      listeners.set(meetingId, set.add(listener));
      // While Redis is down the SUBSCRIBE waits in the offline queue and is sent on reconnect.
      if (first) subscriber.subscribe(topicOf(meetingId), onMessage).catch(logOutage);
      return () => {
        set.delete(listener);
        if (set.size) return;
        listeners.delete(meetingId);
        subscriber.unsubscribe(topicOf(meetingId), onMessage).catch(logOutage);
      };
    },
    onReconnect: (listener) => {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    connected: () => publisher.isReady && subscriber.isReady,
    close: async () => {
      closed = true;
      listeners.clear();
      reconnectListeners.clear();
      // destroy, not close: commands queued during an outage would keep close() waiting.
      publisher.destroy();
      subscriber.destroy();
    },
  };
}

function parseNotice(message: string): MeetingNotice | undefined {
  try {
    const { meetingId, sequence, publishedAt } = JSON.parse(message) as Partial<MeetingNotice>;
    if (typeof meetingId !== 'string' || !Number.isInteger(sequence)) return undefined;
    return { meetingId, sequence: sequence!, publishedAt: typeof publishedAt === 'number' ? publishedAt : undefined };
  } catch {
    return undefined;
  }
}
