// Redis pub/sub (node-redis) on id-scoped channels `meeting:<id>`, over the instance's Redis
// connections (src/redis.ts). A publish while Redis is down fails at once (the outage is logged
// there); the subscriber connection re-subscribes its channels when it is back, and every
// reconnect is reported so that feeds fill in what was published meanwhile.
import type { Redis } from '../redis.js';
import type { MeetingNotice, PubSub } from './pubsub.js';

export const topicOf = (meetingId: string) => `meeting:${meetingId}`;

export function createRedisPubSub({ commands, subscriber }: Redis): PubSub {
  const listeners = new Map<string, Set<(notice: MeetingNotice) => void>>();
  const reconnectListeners = new Set<() => void>();
  let connectedBefore = subscriber.isReady;
  subscriber.on('ready', () => {
    if (connectedBefore) for (const listener of reconnectListeners) listener();
    connectedBefore = true;
  });
  // Failures are outages, which the connections log once each; feeds catch up from the database.
  const ignore = () => {};

  const onMessage = (message: string, channel: string) => {
    const notice = parseNotice(message);
    if (!notice || topicOf(notice.meetingId) !== channel) return;
    for (const listener of listeners.get(notice.meetingId) ?? []) listener(notice);
  };

  return {
    publish: async (notice) => {
      await commands
        .publish(topicOf(notice.meetingId), JSON.stringify({ meetingId: notice.meetingId, sequence: notice.sequence, publishedAt: notice.publishedAt }))
        .catch(ignore);
    },
    subscribe: async (meetingId, listener) => {
      const set = listeners.get(meetingId) ?? new Set();
      const first = !set.size;
      listeners.set(meetingId, set.add(listener));
      // While Redis is down the SUBSCRIBE waits in the offline queue and is sent on reconnect.
      if (first) subscriber.subscribe(topicOf(meetingId), onMessage).catch(ignore);
      return () => {
        set.delete(listener);
        if (set.size) return;
        listeners.delete(meetingId);
        subscriber.unsubscribe(topicOf(meetingId), onMessage).catch(ignore);
      };
    },
    onReconnect: (listener) => {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    close: async () => {
      listeners.clear();
      reconnectListeners.clear();
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
