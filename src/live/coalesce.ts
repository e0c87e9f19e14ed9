// Work that may be asked for far more often than it needs doing — announcing how many ballots a
// vote has, while a thousand are cast in a second — runs at most once per interval and key: the
// first request at once, every request meanwhile folded into one run after the interval. A run
// always starts after the request it answers, so it sees what that request saw, and the last
// request of a burst is always followed by a run.
import { logger } from '../observability/logger.js';

interface Pending {
  again: boolean;
  running?: Promise<void>;
  timer?: NodeJS.Timeout;
}

export class Coalescer {
  private readonly keys = new Map<string, Pending>();
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly run: (key: string) => Promise<void>,
  ) {}

  request(key: string) {
    if (this.closed) return;
    const pending = this.keys.get(key);
    if (pending) pending.again = true;
    else this.start(key, { again: false });
  }

  private start(key: string, pending: Pending) {
    this.keys.set(key, pending);
    pending.again = false;
    const started = Date.now();
    pending.running = this.run(key)
      .catch((error: Error) => logger.error({ key, err: error.message }, 'Coalesced work failed'))
      .finally(() => {
        pending.running = undefined;
        if (this.closed) return;
        pending.timer = setTimeout(() => (pending.again ? this.start(key, pending) : this.keys.delete(key)), Math.max(0, started + this.intervalMs - Date.now()));
      });
  }

  /** Drops what is waiting and lets what runs finish. */
  async close() {
    this.closed = true;
    const running = [...this.keys.values()].map((pending) => {
      clearTimeout(pending.timer);
      return pending.running;
    });
    this.keys.clear();
    await Promise.all(running);
  }
}
