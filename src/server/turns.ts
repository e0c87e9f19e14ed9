// Requests that arrive in a flood — two thousand ballots over as many sockets, read in one poll
// of the event loop — are taken up a handful per turn of the loop, not all in the turn they were
// read. Taken all at once, each runs as far as it can before the next is looked at, and what is
// already under way waits behind the whole flood: the database's answer to the first batch of
// ballots, the tally that would go out to the displays, the sockets' pongs. Taken a handful per
// turn, the loop reads I/O between the handfuls, so that work keeps moving while the flood is
// taken up, in the order it arrived.
export class Turns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly perTurn: number) {}

  /** Runs `task` in this turn's handful, or a later one's. */
  take(task: () => void) {
    this.waiting.push(task);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.next);
  }

  private readonly next = () => {
    for (const task of this.waiting.splice(0, this.perTurn)) task();
    if (this.waiting.length) setImmediate(this.next);
    else this.scheduled = false;
  };
}
