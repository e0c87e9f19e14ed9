// Calendar feeds: /calendar.ics read by a maintained iCalendar parser (ical.js) and checked field
// by field against the meeting as the API answers it; a change raises SEQUENCE and the ETag, a
// cancellation is STATUS:CANCELLED; the personal feed of a member's calendar token shows the
// non-public agenda titles that member may read, and nothing once revoked.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf, idOf } from '../src/global-id.js';
import { displayTokenFor, startTestServer, tokenFor, type TestServer } from './support/server.js';
import { at, defined, only } from './support/indexing.js';

let server: TestServer;
let clerk: string;
const committee = globalIdOf('Organization', seedIds.committee);
const seedMeeting = globalIdOf('Meeting', seedIds.meeting2024);

beforeAll(async () => {
  server = await startTestServer();
  clerk = await tokenFor(['clerk']);
});
afterAll(() => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.url), { headers });

async function gql(query: string, variables: Record<string, unknown> = {}, token = clerk) {
  const response = await server.graphql(query, variables, token);
  expect(response.errors).toBeUndefined();
  return response.data;
}

/** The events of a feed by UID, its time zones registered so that times convert to instants. */
async function events(response: Response): Promise<Map<string, ICAL.Event>> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  const zones = calendar.getAllSubcomponents('vtimezone');
  const vevents = calendar.getAllSubcomponents('vevent');
  expect(zones.map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(vevents.length ? ['Europe/Berlin'] : []);
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  return new Map(vevents.map((vevent) => [String(vevent.getFirstPropertyValue('uid')), new ICAL.Event(vevent)]));
}

const event = async (response: Response, meetingId: string) => defined((await events(response)).get(meetingId), `an event with UID ${meetingId}`);

/** Wall-clock time in Berlin, as a calendar shows it. */
const berlin = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso)).replace(' ', 'T');

const MEETING = `query($id: ID!) { node(id: $id) { ... on Meeting {
  name start end cancelled calendarUrl
  location { description room streetAddress postalCode locality }
  agendaItems { number name public }
} } }`;

interface MeetingData {
  name: string;
  start: string;
  end: string | null;
  calendarUrl: string;
  location: Record<string, string | null> | null;
  agendaItems: { number: string | null; name: string; public: boolean }[];
}

/** Checks every field of the event against the meeting as a clerk reads it through the API. */
async function expectEventOf(found: ICAL.Event, meetingId: string, agenda: MeetingData['agendaItems']) {
  const meeting = (await gql(MEETING, { id: globalIdOf('Meeting', meetingId) })).node as MeetingData;
  expect(found.uid).toBe(meetingId);
  expect(found.summary).toBe(meeting.name);
  for (const [property, instant] of [['dtstart', meeting.start], ['dtend', meeting.end]] as const) {
    const value = found.component.getFirstProperty(property);
    expect(value?.getParameter('tzid'), property).toBe('Europe/Berlin');
    expect(String(value?.getFirstValue()), property).toBe(berlin(defined(instant ?? undefined, property)));
  }
  expect(found.startDate.toJSDate().toISOString()).toBe(meeting.start);
  expect(found.endDate.toJSDate().toISOString()).toBe(meeting.end);
  const place = defined(meeting.location ?? undefined, 'a location');
  expect(found.location).toBe([place.description, place.room, place.streetAddress, [place.postalCode, place.locality].filter(Boolean).join(' ')].filter(Boolean).join(', '));
  expect(found.component.getFirstPropertyValue('url')).toBe(`${server.services.config.publicUrl}/live/${encodeURIComponent(globalIdOf('Meeting', meetingId))}`);
  expect(found.description).toBe(['Tagesordnung:', ...agenda.map((item) => `TOP ${item.number} ${item.name}${item.public ? '' : ' (nichtöffentlich)'}`)].join('\n'));
  const stamp = found.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
  expect(stamp.zone).toBe(ICAL.Timezone.utcTimezone);
  return meeting;
}

describe('the public feed', () => {
  it('has each meeting with its fields from the data, the public agenda titles only', async () => {
    const response = await get(`/calendar.ics?organizationId=${encodeURIComponent(committee)}&from=2024-11-21&to=2024-11-21`);
    const all = await events(response);
    const found = at([...all.values()], 0);
    expect([...all.keys()]).toEqual([seedIds.meeting2024]);
    const { agendaItems } = (await gql(MEETING, { id: seedMeeting })).node as MeetingData;
    const hidden = agendaItems.filter((item) => !item.public);
    expect(hidden.length).toBeGreaterThan(0);
    const meeting = await expectEventOf(found, seedIds.meeting2024, agendaItems.filter((item) => item.public));
    const lines = found.description.split('\n');
    for (const item of hidden) expect(lines.filter((line) => line.startsWith(`TOP ${item.number} `))).toEqual([]);
    expect(found.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(found.sequence).toBeGreaterThanOrEqual(0);
    // Meeting.calendarUrl is this meeting's own feed.
    expect([...(await events(await fetch(meeting.calendarUrl.replace(server.services.config.publicUrl, server.url)))).keys()]).toEqual([seedIds.meeting2024]);
  });

  it('answers 304 to If-None-Match, and a change raises SEQUENCE and changes the ETag', async () => {
    const created = (await gql(
      `mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Sondersitzung", start: "2025-06-12T17:00:00+02:00", end: "2025-06-12T19:30:00+02:00",
        location: { description: "Kreishaus", room: "Raum 1.101", streetAddress: "Düsseldorfer Straße 26", postalCode: "40822", locality: "Mettmann" }) { id } }`,
      { o: [committee] },
    )).createMeeting as { id: string };
    const meetingId = created.id;
    await gql(`mutation($m: ID!) { addAgendaItem(meetingId: $m, name: "Eröffnung; Begrüßung, Tagesordnung") { id } }`, { m: meetingId });
    const uuid = idOf(meetingId, 'Meeting', 'meetingId');
    const path = `/calendar.ics?meetingId=${encodeURIComponent(meetingId)}`;

    const first = await get(path);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const before = await event(first, uuid);
    // A summer meeting: 17:00 CEST, 15:00 UTC.
    await expectEventOf(before, uuid, [{ number: '1', name: 'Eröffnung; Begrüßung, Tagesordnung', public: true }]);
    expect((await get(path, { 'if-none-match': String(etag) })).status).toBe(304);

    await gql(`mutation($m: ID!) { updateMeeting(meetingId: $m, start: "2025-06-12T18:00:00+02:00", location: { description: "Rathaus" }) { id } }`, { m: meetingId });
    const changed = await get(path, { 'if-none-match': String(etag) });
    expect(changed.headers.get('etag')).not.toBe(etag);
    const after = await event(changed, uuid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.location).toBe('Rathaus');
    expect(after.startDate.toJSDate().toISOString()).toBe('2025-06-12T16:00:00.000Z');

    // A new agenda item changes the description, and so SEQUENCE too.
    await gql(`mutation($m: ID!) { addAgendaItem(meetingId: $m, name: "Haushalt") { id } }`, { m: meetingId });
    const longer = await event(await get(path), uuid);
    expect(longer.sequence).toBeGreaterThan(after.sequence);
    expect(longer.description).toContain('TOP 2 Haushalt');

    await gql(`mutation($m: ID!) { cancelMeeting(meetingId: $m) { id } }`, { m: meetingId });
    const cancelled = await event(await get(path), uuid);
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.sequence).toBeGreaterThan(longer.sequence);
  });

  it('takes from and to as days in Berlin, and starts a year back without from', async () => {
    // 00:30 in Berlin on 13 June is 22:30 UTC on the 12th: it is the 13th's meeting.
    const late = (await gql(`mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Nachtsitzung", start: "2025-06-13T00:30:00+02:00") { id } }`, { o: [committee] }))
      .createMeeting as { id: string };
    const uuid = idOf(late.id, 'Meeting', 'meetingId');
    const listed = async (query: string) => [...(await events(await get(`/calendar.ics?organizationId=${encodeURIComponent(committee)}&${query}`))).keys()];
    expect(await listed('from=2025-06-13&to=2025-06-13')).toContain(uuid);
    expect(await listed('from=2025-06-14')).not.toContain(uuid);
    expect(await listed('to=2025-06-12')).not.toContain(uuid);
    // Without from: the seed meeting of November 2024 is more than a year ago, a meeting tomorrow is listed.
    const tomorrow = (await gql(`mutation($o: [ID!]!, $s: DateTime!) { createMeeting(organizationIds: $o, name: "Morgen", start: $s) { id } }`, { o: [committee], s: new Date(Date.now() + 86_400_000).toISOString() }))
      .createMeeting as { id: string };
    const recent = await listed('');
    expect(recent).toContain(idOf(tomorrow.id, 'Meeting', 'meetingId'));
    expect(recent).not.toContain(seedIds.meeting2024);
  });

  it('refuses bad parameters with a coded JSON error', async () => {
    const cases: [string, number, string][] = [
      ['organizationId=nonsense', 400, 'BAD_USER_INPUT'],
      [`organizationId=${encodeURIComponent(globalIdOf('Person', seedIds.person.weiss))}`, 400, 'BAD_USER_INPUT'],
      [`meetingId=${encodeURIComponent(globalIdOf('Meeting', '00000000-0000-4000-8000-000000000000'))}`, 404, 'NOT_FOUND'],
      [`organizationId=${encodeURIComponent(globalIdOf('Organization', '00000000-0000-4000-8000-000000000000'))}`, 404, 'NOT_FOUND'],
      ['from=2024-02-30', 400, 'BAD_USER_INPUT'],
      ['to=tomorrow', 400, 'BAD_USER_INPUT'],
      ['from=2024-12-01&to=2024-11-01', 400, 'BAD_USER_INPUT'],
    ];
    for (const [query, status, code] of cases) {
      const response = await get(`/calendar.ics?${query}`);
      expect([query, response.status, response.headers.get('content-type')]).toEqual([query, status, 'application/json; charset=utf-8']);
      expect(only(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors).extensions.code, query).toBe(code);
    }
  });
});

describe('the personal feed', () => {
  const CREATE = `mutation { createCalendarToken { url created } }`;
  /** A non-public title that no public item of the meeting also has ("Informationen der Verwaltung" is in both parts). */
  const hiddenTitle = async () => {
    const { agendaItems } = (await gql(MEETING, { id: seedMeeting })).node as MeetingData;
    const publicNames = agendaItems.filter((item) => item.public).map((item) => item.name);
    return at(agendaItems.filter((item) => !item.public && !publicNames.some((name) => name.includes(item.name))), 0).name;
  };
  const feedOf = (url: string) => get(`${new URL(url).pathname}?meetingId=${encodeURIComponent(seedMeeting)}`);

  it('adds the non-public titles the member may read, and none for an outsider or anyone', async () => {
    const title = await hiddenTitle();
    const member = await tokenFor(['member'], seedIds.person.weiss);
    const outsider = await tokenFor(['member'], seedIds.person.hendele);
    const own = (await gql(CREATE, {}, member)).createCalendarToken as { url: string };
    expect(own.url).toMatch(new RegExp(`^${server.services.config.publicUrl}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const personal = await feedOf(own.url);
    expect(personal.headers.get('cache-control')).toBe('private, no-cache');
    const { agendaItems } = (await gql(MEETING, { id: seedMeeting })).node as MeetingData;
    await expectEventOf(await event(personal, seedIds.meeting2024), seedIds.meeting2024, agendaItems);

    const outsiders = (await gql(CREATE, {}, outsider)).createCalendarToken as { url: string };
    expect((await event(await feedOf(outsiders.url), seedIds.meeting2024)).description).not.toContain(title);
    expect((await event(await get(`/calendar.ics?meetingId=${encodeURIComponent(seedMeeting)}`), seedIds.meeting2024)).description).not.toContain(title);
  });

  it('stops working when revoked or replaced, with a coded refusal and never the public feed', async () => {
    const member = await tokenFor(['member'], seedIds.person.boesel);
    const first = (await gql(CREATE, {}, member)).createCalendarToken as { url: string };
    const second = (await gql(CREATE, {}, member)).createCalendarToken as { url: string };
    expect(second.url).not.toBe(first.url);
    const refusal = async (url: string) => {
      const response = await feedOf(url);
      return [response.status, only(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors).extensions.code];
    };
    expect(await refusal(first.url)).toEqual([401, 'UNAUTHENTICATED']);
    expect((await feedOf(second.url)).status).toBe(200);
    expect(await gql(`mutation { revokeCalendarToken }`, {}, member)).toEqual({ revokeCalendarToken: true });
    expect(await refusal(second.url)).toEqual([401, 'UNAUTHENTICATED']);
    expect(await gql(`mutation { revokeCalendarToken }`, {}, member)).toEqual({ revokeCalendarToken: false });
    expect(await refusal(`${server.url}/calendar/${'x'.repeat(43)}.ics`)).toEqual([404, 'NOT_FOUND']);
  });

  it('is made only by a signed-in person, for themselves', async () => {
    const code = async (token?: string) => (await server.graphql(CREATE, {}, token)).errors?.[0]?.extensions?.code;
    expect(await code()).toBe('UNAUTHENTICATED');
    expect(await code(await displayTokenFor([seedIds.committee]))).toBe('FORBIDDEN');
  });
});
