// One feed per meeting and instance, shared by all of the instance's subscribers to that meeting:
// on a pub/sub notice (or a reconnect, or a periodic check when notices can be lost) it reads the
// new events from the database once and hands them to every local subscriber in order. The time
// from an event's commit to its hand-over to each subscriber is the delivery lag (metrics).
import type { PrismaClient } from '../generated/prisma/client.js';
import { headOf, loadEvents, type StoredEvent } from './event-log.js';
import type { PubSub } from './pubsub.js';
import { logger } from '../observability/logger.js';

export type FeedListener = (events: StoredEvent[]) => void;

/** Seconds from an event's commit to its hand-over to one subscriber. */
export type LagObserver = (seconds: number) => void;

export interface FeedOptions {
  /** Look for missed notices this often (ms); 0 when notices cannot be lost (in-process). */
  checkIntervalMs: number;
}

class Feed {
  private head = 0;
  private reading = false;
  private readAgain = false;
  /** Each listener with how many subscribers it stands for (a group of shared execution: its members). */
  readonly listeners = new Map<FeedListener, () => number>();
  private unsubscribe: () => void = () => {};
  private timer?: NodeJS.Timeout;
  /** Commit times of the notices not yet read, oldest first: an event was committed with the first notice that covers it. */
  private published: { sequence: number; at: number }[] = [];

  constructor(
    private readonly prisma: PrismaClient,
    readonly meetingId: string,
    private readonly observeLag: () => LagObserver | undefined,
  ) {}

  async open(pubsub: PubSub, options: FeedOptions) {
    this.unsubscribe = await pubsub.subscribe(this.meetingId, (notice) => {
      if (notice.publishedAt !== undefined && notice.sequence > this.head) this.published.push({ sequence: notice.sequence, at: notice.publishedAt });
      if (notice.sequence > this.head) void this.catchUp();
    });
    // After subscribing: an event committed in between is caught by the first notice or check.
    this.head = await headOf(this.prisma, this.meetingId);
    if (options.checkIntervalMs > 0) {
      this.timer = setInterval(() => void this.checkHead(), options.checkIntervalMs);
      this.timer.unref();
    }
  }

  close() {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private async checkHead() {
    const head = await headOf(this.prisma, this.meetingId).catch(() => this.head);
    if (head > this.head) await this.catchUp();
  }

  /** Reads everything after `head`; notices arriving meanwhile trigger one more round. */
  async catchUp(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.readAgain = false;
        for (;;) {
          const events = await loadEvents(this.prisma, this.meetingId, { after: this.head });
          const last = events.at(-1);
          if (!last) break;
          this.head = last.sequence;
          for (const listener of this.listeners.keys()) listener(events);
          this.measureLag(events);
        }
      } while (this.readAgain);
    } catch (error) {
      // Subscribers fill their own gaps at the next event; the next notice retries.
      logger.error({ meetingId: this.meetingId, err: (error as Error).message }, 'Reading events of a meeting failed');
    } finally {
      this.reading = false;
    }
  }

  subscribers() {
    let count = 0;
    for (const subscribers of this.listeners.values()) count += subscribers();
    return count;
  }

  /** Events found by a periodic check or after a reconnect have no notice, and no lag. */
  private measureLag(events: StoredEvent[]) {
    const observe = this.observeLag();
    const now = Date.now();
    for (const event of events) {
      const notice = this.published.find((published) => published.sequence >= event.sequence);
      if (!observe || !notice) continue;
      for (let count = this.subscribers(); count > 0; count -= 1) observe(Math.max(0, now - notice.at) / 1000);
    }
    this.published = this.published.filter((published) => published.sequence > this.head);
  }
}

export class MeetingFeeds {
  private readonly feeds = new Map<string, Promise<Feed>>();
  private readonly stopReconnect: () => void;
  private lagObserver?: LagObserver;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
    private readonly options: FeedOptions,
  ) {
    // Notices published while the transport was down are lost: read what was missed.
    this.stopReconnect = pubsub.onReconnect(() => {
      for (const feed of this.feeds.values()) void feed.then((open) => open.catchUp());
    });
  }

  /** `subscribers`: how many subscribers the listener hands the events to (metrics). */
  async subscribe(meetingId: string, listener: FeedListener, subscribers: () => number = () => 1): Promise<() => void> {
    let opening = this.feeds.get(meetingId);
    if (!opening) {
      const feed = new Feed(this.prisma, meetingId, () => this.lagObserver);
      opening = feed.open(this.pubsub, this.options).then(() => feed);
      this.feeds.set(meetingId, opening);
      opening.catch(() => this.feeds.delete(meetingId));
    }
    const feed = await opening;
    feed.listeners.set(listener, subscribers);
    return () => {
      feed.listeners.delete(listener);
      if (feed.listeners.size || this.feeds.get(meetingId) !== opening) return;
      this.feeds.delete(meetingId);
      feed.close();
    };
  }

  /** Reports the delivery lag of every event handed to a subscriber (metrics). */
  observeDeliveryLag(observer: LagObserver) {
    this.lagObserver = observer;
  }

  /**
   * Per meeting with an open feed (metrics): its local subscribers, and its listeners, each of
   * which executes every event once (a group of alike subscribers, or a stream of its own).
   */
  async subscriberCounts(): Promise<Map<string, { subscribers: number; listeners: number }>> {
    const feeds = await Promise.all([...this.feeds.values()].map((feed) => feed.catch(() => undefined)));
    return new Map(feeds.flatMap((feed) => (feed ? [[feed.meetingId, { subscribers: feed.subscribers(), listeners: feed.listeners.size }] as const] : [])));
  }

  close() {
    this.stopReconnect();
    for (const feed of this.feeds.values()) void feed.then((open) => open.close());
    this.feeds.clear();
  }
}
