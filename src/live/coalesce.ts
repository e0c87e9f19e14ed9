// Work that may be asked for far more often than it needs doing — announcing how many ballots a
// vote has, while a thousand are cast in a second — runs at most once per interval and key: the
// first request at once, every request meanwhile folded into one run after the interval. A run
// always starts after the request it answers, so it sees what that request saw, and the last
// request of a burst is always followed by a run, with the subject that request named.
import { logger } from '../observability/logger.js';

interface Pending<T> {
  /** The subject as last requested: what the next run works on. */
  subject: T;
  again: boolean;
  running?: Promise<void>;
  timer?: NodeJS.Timeout;
}

/** Coalesces runs per key of their subject (the subject itself when it is a string: a meeting id). */
export class Coalescer<T = string> {
  private readonly keys = new Map<string, Pending<T>>();
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly run: (subject: T) => Promise<void>,
    private readonly keyOf: (subject: T) => string = String,
  ) {}

  request(subject: T) {
    if (this.closed) return;
    const key = this.keyOf(subject);
    const pending = this.keys.get(key);
    if (pending) Object.assign(pending, { subject, again: true });
    else this.start(key, { subject, again: false });
  }

  private start(key: string, pending: Pending<T>) {
    this.keys.set(key, pending);
    pending.again = false;
    const started = Date.now();
    pending.running = this.run(pending.subject)
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
