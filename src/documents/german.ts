// German wording in documents: local Europe/Berlin dates and times, genitive of a body's name.
const ZONE = 'Europe/Berlin';

const dateFormat = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const weekdayFormat = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, weekday: 'long' });
const timeFormat = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
const utcDateFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
const utcDayMonthFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', day: '2-digit', month: '2-digit' });

/** An instant as a local date: "21.11.2024". */
export const localDate = (instant: Date) => dateFormat.format(instant);
/** An instant as local time: "16:35 Uhr". */
export const localTime = (instant: Date) => `${timeFormat.format(instant)} Uhr`;
/** "Donnerstag, den 21.11.2024". */
export const longDate = (instant: Date) => `${weekdayFormat.format(instant)}, den ${localDate(instant)}`;

/** A calendar day (a @db.Date, stored as UTC midnight): "29.11.2024". */
export const calendarDate = (day: Date) => utcDateFormat.format(day);

/** "01.01. bis 31.12.2020", or with both years when they differ. */
export function period(from: Date, to: Date): string {
  const sameYear = from.getUTCFullYear() === to.getUTCFullYear();
  // de-DE writes day and month as "01.01.", with the final dot.
  return `${sameYear ? utcDayMonthFormat.format(from) : calendarDate(from)} bis ${calendarDate(to)}`;
}

// Committees and councils are masculine (der Ausschuss, der Kreistag, der Rat, der Beirat);
// feminine bodies (die Bezirksvertretung, die Kommission) take "der" without an ending.
const masculine = /^(\S*(?:ausschuss|tag|rat|beirat))\b/i;
const feminine = /^(\S*(?:vertretung|kommission|konferenz|versammlung|gruppe|fraktion))\b/i;

/** "Ausschuss für Digitalisierung" → "des Ausschusses für Digitalisierung". */
export function genitive(name: string): string {
  const m = masculine.exec(name);
  if (m?.[1]) return `des ${m[1]}es${name.slice(m[1].length)}`;
  if (feminine.test(name)) return `der ${name}`;
  return `von ${name}`;
}
