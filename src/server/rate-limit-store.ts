// Where the rate limits keep their counts: with REDIS_URL in Redis (node-redis), so that all
// instances behind a load balancer count against one budget per client; otherwise in memory.
// @envelop/rate-limiter's own RedisStore speaks the callback API of node-redis 3, hence this one.
// Reading and writing a client's timestamps are two commands, not one transaction: two requests
// of one client at the same moment on two instances may be counted as one, so a client can get a
// little more than its budget, never less.
// While Redis is down the counts fall back to the instance's memory, and requests still run.
import type { Identity, Store } from '@envelop/rate-limiter';
import type { Redis, RedisClient } from '../redis.js';

type KeyOf = (identity: Identity) => string;

/**
 * Of a client's calls, the newest `max` (the limit): the limiter refuses the next call while `max`
 * of them are within the window, so the older ones decide nothing, and refused calls count too. It
 * reads, filters and copies the whole list with every call: kept whole, a client flooding one
 * address made each of its requests cost more than the last (5,000 calls in a window: half a
 * millisecond each).
 */
const newest = (timestamps: readonly number[], max: number) => (timestamps.length > max ? timestamps.slice(-max) : [...timestamps]);

/** Timestamps of the calls in the window, forgotten once the window has passed. */
class MemoryWindowStore implements Store {
  private readonly calls = new Map<string, { timestamps: number[]; until: number }>();
  private sweepAt = 0;

  constructor(
    private readonly keyOf: KeyOf,
    private readonly max: number,
  ) {}

  getForIdentity(identity: Identity): number[] {
    return this.calls.get(this.keyOf(identity))?.timestamps ?? [];
  }

  setForIdentity(identity: Identity, timestamps: readonly number[], windowMs = 0): void {
    const now = Date.now();
    this.calls.set(this.keyOf(identity), { timestamps: newest(timestamps, this.max), until: now + windowMs });
    if (now < this.sweepAt) return;
    this.sweepAt = now + windowMs;
    for (const [key, entry] of this.calls) if (entry.until < now) this.calls.delete(key);
  }
}

/** The same in Redis, each client's timestamps as a JSON list that expires with its window. */
class RedisWindowStore implements Store {
  private readonly fallback: MemoryWindowStore;

  constructor(
    private readonly redis: RedisClient,
    private readonly keyOf: KeyOf,
    private readonly max: number,
  ) {
    this.fallback = new MemoryWindowStore(keyOf, max);
  }

  async getForIdentity(identity: Identity): Promise<number[]> {
    try {
      const stored = await this.redis.get(this.keyOf(identity));
      return stored ? (JSON.parse(stored) as number[]) : [];
    } catch {
      return this.fallback.getForIdentity(identity);
    }
  }

  async setForIdentity(identity: Identity, timestamps: readonly number[], windowMs = 0): Promise<void> {
    try {
      await this.redis.set(this.keyOf(identity), JSON.stringify(newest(timestamps, this.max)), { expiration: { type: 'PX', value: Math.max(1, windowMs) } });
    } catch {
      this.fallback.setForIdentity(identity, timestamps, windowMs);
    }
  }
}

export interface RateLimitStores {
  /** A store whose keys are `prefix` and what `keyOf` makes of the identity, for a limit of `max` calls per window. */
  store(prefix: string, keyOf: KeyOf, max: number): Store;
}

export function rateLimitStores(redis: Redis | undefined): RateLimitStores {
  if (!redis) return { store: (prefix, keyOf, max) => new MemoryWindowStore((identity) => `${prefix}:${keyOf(identity)}`, max) };
  return { store: (prefix, keyOf, max) => new RedisWindowStore(redis.commands, (identity) => `council:rate-limit:${prefix}:${keyOf(identity)}`, max) };
}
