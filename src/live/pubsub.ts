// Fan-out of "meeting <id> has new events up to sequence <n>" between the instances of the API.
// Messages are thin hints, never the data itself: a subscriber that misses one (Redis is
// at-most-once) fills in from the MeetingEvent table, so the choice of transport only affects
// latency, never what a client receives.
import type { Config } from '../config.js';
import { createRedisPubSub } from './redis-pubsub.js';

export interface MeetingNotice {
  meetingId: string;
  sequence: number;
}

export interface PubSub {
  /** Never throws: a failed publish is logged; subscribers catch up from the database. */
  publish(notice: MeetingNotice): Promise<void>;
  subscribe(meetingId: string, listener: (notice: MeetingNotice) => void): Promise<() => void>;
  /** Called when the transport comes back after an outage: messages may have been lost. */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}

export const topicOf = (meetingId: string) => `meeting:${meetingId}`;

export function createPubSub(config: Pick<Config, 'redisUrl'>): PubSub {
  return config.redisUrl ? createRedisPubSub(config.redisUrl) : createInProcessPubSub();
}

/** One instance: listeners are called directly. */
export function createInProcessPubSub(): PubSub {
  const listeners = new Map<string, Set<(notice: MeetingNotice) => void>>();
  return {
    publish: async (notice) => {
      for (const listener of listeners.get(notice.meetingId) ?? []) listener(notice);
    },
    subscribe: async (meetingId, listener) => {
      const set = listeners.get(meetingId) ?? new Set();
      listeners.set(meetingId, set.add(listener));
      return () => {
        set.delete(listener);
        if (!set.size) listeners.delete(meetingId);
      };
    },
    onReconnect: () => () => {},
    close: async () => listeners.clear(),
  };
}
