// Redis pub/sub on id-scoped channels `meeting:<id>`. Publishing uses its own connection with
// no offline queue, so that while Redis is down a mutation's publish fails at once (and is
// logged) instead of waiting; the subscriber connection reconnects by itself and re-subscribes,
// and every reconnect is reported so that feeds fill in what was published meanwhile.
import { Redis } from 'ioredis';
import type { MeetingNotice, PubSub } from './pubsub.js';
import { topicOf } from './pubsub.js';

const RETRY_MAX_MS = 2_000;

export function createRedisPubSub(url: string): PubSub {
  const options = { retryStrategy: (times: number) => Math.min(times * 100, RETRY_MAX_MS), lazyConnect: false };
  const publisher = new Redis(url, { ...options, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  const subscriber = new Redis(url, { ...options, autoResubscribe: true });
  const listeners = new Map<string, Set<(notice: MeetingNotice) => void>>();
  const reconnectListeners = new Set<() => void>();

  let down = false;
  const logOutage = (error: Error) => {
    // One line per outage, not one per retry.
    if (!down) console.error(`Redis unavailable (${error.message}); live events fall back to the database.`);
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

  subscriber.on('message', (channel: string, message: string) => {
    const notice = parseNotice(message);
    if (!notice || topicOf(notice.meetingId) !== channel) return;
    for (const listener of listeners.get(notice.meetingId) ?? []) listener(notice);
  });

  return {
    publish: async (notice) => {
      try {
        await publisher.publish(topicOf(notice.meetingId), JSON.stringify({ meetingId: notice.meetingId, sequence: notice.sequence }));
      } catch (error) {
        logOutage(error as Error);
      }
    },
    subscribe: async (meetingId, listener) => {
      const set = listeners.get(meetingId) ?? new Set();
      const first = !set.size;
      listeners.set(meetingId, set.add(listener));
      // While Redis is down the SUBSCRIBE is queued and sent on reconnect (autoResubscribe).
      if (first) subscriber.subscribe(topicOf(meetingId)).catch(logOutage);
      return () => {
        set.delete(listener);
        if (set.size) return;
        listeners.delete(meetingId);
        subscriber.unsubscribe(topicOf(meetingId)).catch(logOutage);
      };
    },
    onReconnect: (listener) => {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    close: async () => {
      listeners.clear();
      reconnectListeners.clear();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

function parseNotice(message: string): MeetingNotice | undefined {
  try {
    const { meetingId, sequence } = JSON.parse(message) as Partial<MeetingNotice>;
    return typeof meetingId === 'string' && Number.isInteger(sequence) ? { meetingId, sequence: sequence! } : undefined;
  } catch {
    return undefined;
  }
}
