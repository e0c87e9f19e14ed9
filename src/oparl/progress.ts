// A progress bar on stderr: objects imported, pages done, files fetched, rate. Redrawn at most
// every 200 ms, and only on a terminal; elsewhere (CI, logs) one line every 10 seconds.
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  objects = 0;
  written = 0;
  lists = { done: 0, total: 0 };
  files = { fetched: 0, bytes: 0 };

  constructor(private readonly stream: NodeJS.WriteStream | undefined = process.stderr) {}

  tick(force = false) {
    if (!this.stream) return;
    const now = Date.now();
    const interval = this.stream.isTTY ? 200 : 10_000;
    if (!force && now - this.lastDraw < interval) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(this.objects / seconds) : 0;
    const width = 24;
    const filled = this.lists.total ? Math.round((this.lists.done / this.lists.total) * width) : 0;
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${bar} lists ${this.lists.done}/${this.lists.total}  objects ${this.objects} (${this.written} written)  files ${this.files.fetched} (${(this.files.bytes / 1048576).toFixed(1)} MB)  ${rate}/s`;
    this.stream.write(this.stream.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  }

  end() {
    this.tick(true);
    if (this.stream?.isTTY) this.stream.write('\n');
  }
}
