// What was wrong with the source: each kind of flaw is reported once per URL, then counted.
export class Flaws {
  private readonly seen = new Set<string>();
  readonly counts = new Map<string, number>();
  constructor(private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  report(kind: string, url: string, detail?: string) {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const key = `${kind} ${url}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.log(`flaw: ${kind}: ${url}${detail ? ` (${detail})` : ''}`);
  }
}
