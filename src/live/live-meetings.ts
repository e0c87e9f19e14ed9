// The process-wide part of live meetings: the pub/sub transport and the per-meeting feeds.
import type { Config } from '../config.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { MeetingFeeds } from './meeting-feed.js';
import { createInProcessPubSub } from './in-process-pubsub.js';
import type { PubSub } from './pubsub.js';
import { createRedisPubSub } from './redis-pubsub.js';

export interface LiveMeetings {
  pubsub: PubSub;
  feeds: MeetingFeeds;
  close(): Promise<void>;
}

/** With Redis, a lost notice is noticed at the latest after this long, even with no further event. */
const REDIS_CHECK_INTERVAL_MS = 2_000;

export function createLiveMeetings(config: Pick<Config, 'redisUrl'>, prisma: PrismaClient): LiveMeetings {
  const pubsub = config.redisUrl ? createRedisPubSub(config.redisUrl) : createInProcessPubSub();
  const feeds = new MeetingFeeds(prisma, pubsub, { checkIntervalMs: config.redisUrl ? REDIS_CHECK_INTERVAL_MS : 0 });
  return {
    pubsub,
    feeds,
    close: async () => {
      feeds.close();
      await pubsub.close();
    },
  };
}
