// A group commit: requests for the same key (a vote's ballots, a meeting's arrivals) that arrive
// together are written together, in one batch, by one transaction: whatever arrives while a
// batch is written goes into the next. A thousand members voting or checking in at once cost a
// few statements per batch rather than several per request, and batches of one key never overlap.
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
   */
  constructor(
    private readonly maxBatch: number,
    private readonly write: (key: string, batch: Pending<Request, Result>[]) => Promise<void>,
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
      const batch = waiting.splice(0, this.maxBatch);
      try {
        await this.write(key, batch);
      } catch (error) {
        for (const pending of batch) pending.refused(error);
      }
    }
    this.waiting.delete(key);
  }
}
