// Strict ISO 8601 parsing for client input (GraphQL scalars, OParl filters, report routes).
// `new Date()` alone rolls 2024-02-30 over to March 1 and accepts year 0, which PostgreSQL then
// refuses: a value is a date only if each part is within its calendar range.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar day `YYYY-MM-DD` as UTC midnight, or undefined. */
export function parseIsoDate(value: unknown): Date | undefined {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return undefined;
  return isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3])) ? new Date(`${value}T00:00:00Z`) : undefined;
}

/** An instant `YYYY-MM-DDThh:mm[:ss[.fff]]` with `Z` or `±hh:mm`, or undefined. */
export function parseIsoDateTime(value: unknown): Date | undefined {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) return undefined;
  // Seconds and the offset are optional: 0 when absent.
  const part = (group: number) => Number(match[group] ?? 0);
  if (!isCalendarDay(part(1), part(2), part(3)) || part(4) > 23 || part(5) > 59 || part(6) > 59 || part(9) > 23 || part(10) > 59) return undefined;
  const date = new Date(value as string);
  // 0001-01-01T00:00+01:00 would be a day before the year 1.
  return date.getUTCFullYear() >= 1 ? date : undefined;
}
