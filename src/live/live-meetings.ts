// The process-wide part of live meetings: the pub/sub transport, the per-meeting feeds, the
// groups of subscribers that share their execution, the ballot box, the attendance recorder,
// and the coalesced statements of tally progress and quorum.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Redis } from '../redis.js';
import type { Limits } from '../config.js';
import { AttendanceRecorder } from './attendance.js';
import { BallotBox } from './ballots.js';
import { MeetingFeeds } from './meeting-feed.js';
import { createQuorumStatements, type QuorumStatements } from './meeting-state.js';
import { createInProcessPubSub } from './in-process-pubsub.js';
import type { PubSub } from './pubsub.js';
import { createRedisPubSub } from './redis-pubsub.js';
import { SubscriptionGroups } from './subscription-groups.js';
import { createTallies } from './tally.js';

export interface LiveMeetings {
  pubsub: PubSub;
  feeds: MeetingFeeds;
  groups: SubscriptionGroups;
  ballots: BallotBox;
  attendance: AttendanceRecorder;
  quorum: QuorumStatements;
  close(): Promise<void>;
}

/** With Redis, a lost notice is noticed at the latest after this long, even with no further event. */
const REDIS_CHECK_INTERVAL_MS = 2_000;

export function createLiveMeetings(redis: Redis | undefined, prisma: PrismaClient, limits: Pick<Limits, 'subscriberMaxPendingEvents'>): LiveMeetings {
  const pubsub = redis ? createRedisPubSub(redis) : createInProcessPubSub();
  const feeds = new MeetingFeeds(prisma, pubsub, { checkIntervalMs: redis ? REDIS_CHECK_INTERVAL_MS : 0 });
  const tallies = createTallies({ prisma, pubsub });
  const quorum = createQuorumStatements({ prisma, pubsub });
  const groups = new SubscriptionGroups(prisma, feeds, limits.subscriberMaxPendingEvents);
  return {
    pubsub,
    feeds,
    groups,
    ballots: new BallotBox(prisma, tallies),
    attendance: new AttendanceRecorder({ prisma, pubsub }, quorum),
    quorum,
    close: async () => {
      groups.close();
      await Promise.all([tallies.close(), quorum.close()]);
      feeds.close();
      await pubsub.close();
    },
  };
}
