// OParl 1.1 (2.4) writes date-times as `yyyy-mm-ddThh:mm:ss±hh:mm`. Ours are in the local time of
// the bodies we serve (German councils: Europe/Berlin), with the offset that applied at that
// instant (CET +01:00, CEST +02:00), so that a meeting at 17:00 reads 17:00.
export const BODY_TIME_ZONE = 'Europe/Berlin';

const HOUR = 3_600_000;
const offsetName = new Intl.DateTimeFormat('en-US', { timeZone: BODY_TIME_ZONE, timeZoneName: 'longOffset' });
/** Offset in minutes by UTC hour: offsets change on whole hours, and asking Intl is slow. */
const offsets = new Map<number, number>();

function offsetMinutes(time: number): number {
  const hour = Math.floor(time / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const name = offsetName.formatToParts(time).find((part) => part.type === 'timeZoneName')?.value ?? '';
    const match = /([+-])(\d{2}):(\d{2})/.exec(name); // "GMT+01:00"; plain "GMT" is +00:00
    offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** An instant as OParl wants it, in the bodies' local offset, whole seconds. */
export function localDateTime(value: Date): string {
  const time = value.getTime();
  const offset = offsetMinutes(time);
  const local = new Date(time + offset * 60_000).toISOString().slice(0, 19);
  const size = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}
