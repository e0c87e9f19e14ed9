// The process-wide part of live meetings: the pub/sub transport, the per-meeting feeds and the
// announcements of tally progress.
import type { Config } from '../config.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { MeetingFeeds } from './meeting-feed.js';
import { createInProcessPubSub } from './in-process-pubsub.js';
import type { PubSub } from './pubsub.js';
import { createRedisPubSub } from './redis-pubsub.js';
import { createTallies, type Tallies } from './tally.js';

export interface LiveMeetings {
  pubsub: PubSub;
  feeds: MeetingFeeds;
  tallies: Tallies;
  close(): Promise<void>;
}

/** With Redis, a lost notice is noticed at the latest after this long, even with no further event. */
const REDIS_CHECK_INTERVAL_MS = 2_000;

export function createLiveMeetings(config: Pick<Config, 'redisUrl'>, prisma: PrismaClient): LiveMeetings {
  const pubsub = config.redisUrl ? createRedisPubSub(config.redisUrl) : createInProcessPubSub();
  const feeds = new MeetingFeeds(prisma, pubsub, { checkIntervalMs: config.redisUrl ? REDIS_CHECK_INTERVAL_MS : 0 });
  const tallies = createTallies({ prisma, pubsub });
  return {
    pubsub,
    feeds,
    tallies,
    close: async () => {
      await tallies.close();
      feeds.close();
      await pubsub.close();
    },
  };
}
