// A group commit: requests for the same key (a vote's ballots, a meeting's arrivals; also a read,
// the signed-in viewers' memberships) that arrive together are written together, in one batch, by
// one transaction: whatever arrives while a batch is written goes into the next. A thousand
// members voting or checking in at once cost a few statements per batch rather than several per
// request, and batches of one key never overlap.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Pending<Request, Result> {
  request: Request;
  done(result: Result): void;
  refused(error: unknown): void;
}

export class GroupCommit<Request, Result> {
  private readonly waiting = new Map<string, Pending<Request, Result>[]>();

  /**
   * `write` settles each request of its batch (done or refused); if it throws, the requests it
   * left unsettled are refused with that error (settling twice does nothing).
   *
   * `spacingMs`: while requests keep arriving, a batch starts no sooner than this after the one
   * before it began, so that a burst is written in fewer, larger batches; a lone request waits for
   * nothing. For requests that arrive at once (a vote), not for a client that sends its next one
   * only once the last is answered (a clerk's arrivals, a few in flight).
   */
  constructor(
    private readonly maxBatch: number,
    private readonly write: (key: string, batch: Pending<Request, Result>[]) => Promise<void>,
    private readonly spacingMs = 0,
  ) {}

  submit(key: string, request: Request): Promise<Result> {
    return new Promise((done, refused) => {
      const waiting = this.waiting.get(key);
      if (waiting) return waiting.push({ request, done, refused });
      this.waiting.set(key, [{ request, done, refused }]);
      // After the requests that arrived with this one have been read: they join the batch.
      setImmediate(() => void this.drain(key));
    });
  }

  private async drain(key: string) {
    for (let waiting = this.waiting.get(key); waiting?.length; waiting = this.waiting.get(key)) {
      const began = performance.now();
      const batch = waiting.splice(0, this.maxBatch);
      try {
        await this.write(key, batch);
      } catch (error) {
        for (const pending of batch) pending.refused(error);
      }
      const gathering = this.spacingMs - (performance.now() - began);
      if (gathering > 0 && waiting.length && waiting.length < this.maxBatch) await sleep(gathering);
    }
    this.waiting.delete(key);
  }
}
