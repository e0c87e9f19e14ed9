// Pub/sub of a single instance: listeners are called directly, nothing can be lost.
import type { MeetingNotice, PubSub } from './pubsub.js';

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
