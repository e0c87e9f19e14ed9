// Reading attribute values from real OParl servers: "N/A" and blanks mean no value, dates may be
// bogus, a single value may stand where an array belongs. What cannot be read is reported and left
// out, never guessed.
import type { Flaws } from './flaws.js';

const NO_VALUE = /^(n\/?a|-+|null|undefined|unbekannt|k\.\s?a\.)$/i;
/** Earliest and latest instants a council record can plausibly carry. */
const EARLIEST = Date.UTC(1900, 0, 1);
const latest = () => Date.now() + 366 * 24 * 3600 * 1000;

export class Values {
  constructor(private readonly flaws: Flaws, private readonly url: string) {}

  string(value: unknown): string | undefined {
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    return trimmed === '' || NO_VALUE.test(trimmed) ? undefined : trimmed;
  }

  strings(value: unknown): string[] {
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item) => this.string(item)).filter((item) => item !== undefined);
  }

  boolean(value: unknown): boolean | undefined {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return undefined;
  }

  integer(value: unknown): number | undefined {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof number === 'number' && Number.isInteger(number) && Math.abs(number) < 2 ** 31 ? number : undefined;
  }

  dateTime(value: unknown, name: string): Date | undefined {
    const text = this.string(value);
    if (text === undefined) return undefined;
    const time = Date.parse(text);
    if (Number.isNaN(time) || time < EARLIEST || time > latest()) {
      this.flaws.report(`bogus ${name}`, this.url, text);
      return undefined;
    }
    return new Date(time);
  }

  /** An object's `modified`; a bogus one falls back to `created`, then to the epoch, so runs agree. */
  modified(json: Record<string, unknown>): Date {
    return this.dateTime(json.modified, 'modified') ?? this.dateTime(json.created, 'created') ?? new Date(0);
  }

  date(value: unknown, name: string): Date | undefined {
    const text = this.string(value);
    const match = text && /^(\d{4}-\d{2}-\d{2})/.exec(text);
    const time = match ? Date.parse(`${match[1]}T00:00:00Z`) : Number.NaN;
    if (text === undefined) return undefined;
    if (Number.isNaN(time)) {
      this.flaws.report(`bogus ${name}`, this.url, text);
      return undefined;
    }
    return new Date(time);
  }
}
