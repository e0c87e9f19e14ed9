// The meeting-room display (/live/<id>) and the voting page (/vote) in a real Chromium (Debian's
// package, driven by playwright-core), against a real server: a clerk runs a meeting through the
// API while the display is open, the display loses its network and catches up, three members
// vote from their phones at once, and axe-core finds no accessibility violation on either page.
// Screenshots go to test-output/browser/.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { seedIds, type PersonKey } from '../../src/seed/ids.js';
import { globalIdOf } from '../../src/global-id.js';
import { displayTokenFor, startTestServer, tokenFor, type TestServer } from '../support/server.js';
import { at, defined } from '../support/indexing.js';

const screenshots = new URL('../../test-output/browser/', import.meta.url).pathname;
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let browser: Browser;
let clerkToken: string;
/** The embedded database on disk, so that the server can restart on the same data. */
let dataDir: string;

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  dataDir = await mkdtemp(path.join(tmpdir(), 'council-browser-'));
  [server, clerkToken] = await Promise.all([startTestServer({ dataDir }), tokenFor(['clerk'])]);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // playwright-core starts it headless with a fresh temporary profile (--user-data-dir).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function clerk(query: string, variables: Record<string, unknown>): Promise<any> {
  const result = await server.graphql(query, variables, clerkToken);
  expect(result.errors).toBeUndefined();
  return result.data;
}

const person = (key: PersonKey) => globalIdOf('Person', seedIds.person[key]);

async function openPage(context: BrowserContext, path: string, watch?: (page: Page) => void): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`${path}: ${error.message}`));
  watch?.(page);
  await page.goto(`${server.url}${path}`);
  return page;
}

/** Waits until an element matching `selector` shows `text`. */
const shows = (page: Page, selector: string, text: string | RegExp) => page.locator(selector, { hasText: text }).first().waitFor();

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: await axeSource });
  const violations = await page.evaluate(async () => (await (window as any).axe.run()).violations as { id: string; nodes: { target: string[] }[] }[]);
  return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

const present = async (meetingId: string, keys: PersonKey[]) => {
  for (const key of keys) {
    await clerk('mutation($m: ID!, $p: ID!) { recordAttendance(meetingId: $m, personId: $p, status: PRESENT) { id } }', { m: meetingId, p: person(key) });
  }
};

it('shows a meeting live, catches up after going offline and after a server restart, and takes ballots from three phones', async () => {
  // A meeting today of the Ausschuss für Digitalisierung (15 seats in the seed: quorum at 8).
  const { createMeeting: meeting } = await clerk(
    'mutation($o: [ID!]!, $s: DateTime!) { createMeeting(name: "4. Sitzung des Ausschusses für Digitalisierung", organizationIds: $o, start: $s) { id } }',
    { o: [globalIdOf('Organization', seedIds.committee)], s: new Date().toISOString() },
  );
  const items: string[] = [];
  for (const [name, papers, isPublic] of [
    ['Eröffnung und Begrüßung', [], true],
    ['Digitalisierungsstrategie des Kreises', [globalIdOf('Paper', seedIds.paper['20/022/2024'])], false],
    ['Haushalt 2026 – Teilplan Digitalisierung', [], true],
  ] as const) {
    const { addAgendaItem } = await clerk('mutation($m: ID!, $n: String!, $p: [ID!], $public: Boolean) { addAgendaItem(meetingId: $m, name: $n, paperIds: $p, public: $public) { id } }', {
      m: meeting.id,
      n: name,
      p: papers,
      public: isPublic,
    });
    items.push(addAgendaItem.id);
  }

  const displayContext = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const display = await openPage(displayContext, `/live/${encodeURIComponent(meeting.id)}`);
  await shows(display, 'h1', '4. Sitzung des Ausschusses für Digitalisierung');
  await shows(display, '.current', 'Die Sitzung hat noch nicht begonnen.');
  await shows(display, '.connection', 'Live');
  // "Im Kalender" links the meeting's own iCalendar feed (Meeting.calendarUrl), which lists it.
  const calendarLink = defined(await display.getByRole('link', { name: 'Im Kalender' }).getAttribute('href') ?? undefined, 'the calendar link');
  const { node: withCalendar } = await clerk('query($m: ID!) { node(id: $m) { ... on Meeting { calendarUrl } } }', { m: meeting.id });
  expect(calendarLink).toBe(withCalendar.calendarUrl);
  const { pathname, search } = new URL(calendarLink);
  expect(await (await fetch(`${server.url}${pathname}${search}`)).text()).toContain('SUMMARY:4. Sitzung des Ausschusses für Digitalisierung');

  await clerk('mutation($m: ID!) { startMeeting(meetingId: $m) { id } }', { m: meeting.id });
  await present(meeting.id, ['weiss', 'boesel', 'elghanou', 'freitag', 'gartmann', 'guenther', 'hoffmann']);
  await shows(display, '.attendance', '7 von 15 Stimmberechtigten anwesend');
  await shows(display, '.quorum', 'Nicht beschlussfähig');

  await clerk('mutation($i: ID!) { startAgendaItem(agendaItemId: $i) { id } }', { i: items[0] });
  await clerk('mutation($i: ID!) { startAgendaItem(agendaItemId: $i) { id } }', { i: items[1] });
  await shows(display, '.current .top-title', 'Digitalisierungsstrategie des Kreises');
  await shows(display, '.current .top-number', 'nichtöffentlich');
  await shows(display, '.agenda li.completed', 'Eröffnung und Begrüßung');
  expect(await display.locator('.current .papers').count()).toBe(0); // the public view: no papers
  // A display token for the committee (read-only, no roles) shows the non-public item in full.
  const closedSession = await openPage(displayContext, `/live/${encodeURIComponent(meeting.id)}?token=${await displayTokenFor([seedIds.committee])}`);
  await shows(closedSession, '.current .papers', '20/022/2024');
  await closedSession.screenshot({ path: `${screenshots}display-agenda.png` });
  await closedSession.close();

  // The display loses the network while the meeting goes on; back online it catches up by itself.
  await displayContext.setOffline(true);
  await shows(display, '.connection', 'Offline');
  await present(meeting.id, ['lang']);
  await clerk('mutation($i: ID!) { startAgendaItem(agendaItemId: $i) { id } }', { i: items[2] });
  await display.screenshot({ path: `${screenshots}display-offline.png` });
  await displayContext.setOffline(false);
  await shows(display, '.connection', 'Live');
  await shows(display, '.current .top-title', 'Haushalt 2026 – Teilplan Digitalisierung');
  await shows(display, '.attendance', '8 von 15 Stimmberechtigten anwesend');
  await shows(display, '.quorum', /^Beschlussfähig$/);
  await shows(display, '.agenda li.completed', 'Digitalisierungsstrategie des Kreises');

  const { openVote: vote } = await clerk('mutation($i: ID!) { openVote(agendaItemId: $i, subject: "Zustimmung zum Teilplan", kind: NAMED) { id } }', { i: items[2] });
  await shows(display, '.vote .tally', '0 von 8 haben abgestimmt');

  // Three members vote at once from their phones; a member who is not present is refused.
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  // Which way each ballot went: over the page's WebSocket (the one following the meeting), or as an HTTP request.
  const ballotsSent = { socket: 0, http: 0 };
  const watchBallots = (page: Page) => {
    page.on('request', (request) => void (request.method() === 'POST' && request.postData()?.includes('"choice"') && (ballotsSent.http += 1)));
    page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => void (String(payload).includes('"choice"') && (ballotsSent.socket += 1))));
  };
  const voters = await Promise.all(
    (['weiss', 'boesel', 'elghanou', 'zieger'] as const).map(async (key) => {
      const page = await openPage(await browser.newContext(phone), `/vote?token=${await tokenFor(['member'], seedIds.person[key])}`, watchBallots);
      await shows(page, '#vote-subject', 'Zustimmung zum Teilplan');
      return page;
    }),
  );
  expect(new URL(at(voters, 0).url()).search).toBe(''); // the token left the address bar …
  expect(await at(voters, 0).evaluate(() => localStorage.getItem('council.token'))).toBeTruthy(); // … and is kept
  await Promise.all(
    voters.map(async (page) => {
      await page.getByRole('button', { name: 'Ja' }).click();
      await shows(page, '.confirm', 'Ihre Stimme: Ja. Verbindlich abgeben?');
      if (page === voters[0]) await page.screenshot({ path: `${screenshots}vote-confirm.png` });
      await page.getByRole('button', { name: 'Stimme abgeben' }).click();
    }),
  );
  for (const page of voters.slice(0, 3)) await shows(page, '.cast', 'Ihre Stimme: Ja');
  await shows(at(voters, 3), '.refused', 'nicht als anwesend eingetragen');
  expect(ballotsSent).toEqual({ socket: 4, http: 0 });
  await at(voters, 0).screenshot({ path: `${screenshots}vote-cast.png` });
  // Reloaded, the page shows the ballot the API keeps for the member (Vote.myBallot), not the buttons.
  await at(voters, 0).reload();
  await shows(at(voters, 0), '.cast', 'Ihre Stimme: Ja');
  await shows(display, '.vote .tally', '3 von 8 haben abgestimmt');
  await shows(at(voters, 1), '.vote .tally', '3 von 8 haben abgestimmt'); // progress, never the split
  await display.screenshot({ path: `${screenshots}display-vote-running.png` });
  expect(await axeViolations(at(voters, 0))).toEqual([]);

  await clerk('mutation($v: ID!) { closeVote(voteId: $v) { id } }', { v: vote.id });
  await shows(display, '.vote .verdict', 'Angenommen – einstimmig');
  await shows(display, '.bar.yes .count', /^3$/);
  await shows(display, '.bar.no .count', /^0$/);
  await shows(at(voters, 1), '.result', 'Ergebnis: angenommen (einstimmig)');
  await display.screenshot({ path: `${screenshots}display-vote-result.png` });
  expect(await axeViolations(display)).toEqual([]);

  // The server restarts on the same data and port; the display reconnects and resumes by itself.
  await server.stop();
  server = await startTestServer({ dataDir, port: server.port });
  await clerk('mutation($m: ID!) { endMeeting(meetingId: $m) { id } }', { m: meeting.id });
  await shows(display, '.current', 'Die Sitzung ist beendet.');
  await shows(display, '.agenda li.completed', 'Haushalt 2026 – Teilplan Digitalisierung');
});

it('shows the speakers\' list on the display with a countdown, and lets members ask to speak, see their place and withdraw', async () => {
  const { createMeeting: meeting } = await clerk(
    'mutation($o: [ID!]!, $s: DateTime!) { createMeeting(name: "Sondersitzung des Ausschusses für Digitalisierung", organizationIds: $o, start: $s) { id } }',
    { o: [globalIdOf('Organization', seedIds.committee)], s: new Date().toISOString() },
  );
  const { addAgendaItem: item } = await clerk('mutation($m: ID!) { addAgendaItem(meetingId: $m, name: "Glasfaserausbau an Schulen") { id } }', { m: meeting.id });
  await clerk('mutation($m: ID!) { startMeeting(meetingId: $m) { id } }', { m: meeting.id });
  await present(meeting.id, ['weiss', 'boesel', 'elghanou']);
  await clerk('mutation($i: ID!) { startAgendaItem(agendaItemId: $i) { id } }', { i: item.id });

  const display = await openPage(await browser.newContext({ viewport: { width: 1600, height: 900 } }), `/live/${encodeURIComponent(meeting.id)}`);
  await shows(display, '.current .top-title', 'Glasfaserausbau an Schulen');
  expect(await display.locator('.speakers').count()).toBe(0); // nobody on the list yet

  // Members on their phones: two meetings today, so each chooses this one first.
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const phoneOf = async (key: PersonKey) => {
    const page = await openPage(await browser.newContext(phone), `/vote?token=${await tokenFor(['member'], seedIds.person[key])}`);
    await page.getByRole('button', { name: /Sondersitzung/ }).click();
    await shows(page, '.speakers .item', 'Glasfaserausbau an Schulen');
    return page;
  };
  const [weiss, boesel, zieger] = await Promise.all([phoneOf('weiss'), phoneOf('boesel'), phoneOf('zieger')]);

  await boesel.getByRole('button', { name: 'Wortmeldung', exact: true }).click();
  await shows(boesel, '.place', 'Ihre Wortmeldung: Platz 1 von 1');
  // A point of order goes first: Herr Bösel moves to the second place.
  await weiss.getByRole('button', { name: 'Zur Geschäftsordnung' }).click();
  await shows(weiss, '.place', 'Ihre Meldung zur Geschäftsordnung: Platz 1 von 2');
  await shows(boesel, '.place', 'Ihre Wortmeldung: Platz 2 von 2');
  await shows(display, '.next-speakers li:nth-child(1)', 'Dietmar Weiß');
  await shows(display, '.next-speakers li:nth-child(2)', 'Markus Bösel');
  // Not recorded as present: refused, with the reason.
  await zieger.getByRole('button', { name: 'Wortmeldung', exact: true }).click();
  await shows(zieger, '.speakers .refused', 'nicht als anwesend eingetragen');

  // The clerk gives the floor with a speaking time of two minutes: the display counts down.
  await clerk('mutation($m: ID!) { setMeetingSpeakingTime(meetingId: $m, seconds: 120) { id } }', { m: meeting.id });
  await clerk('mutation($i: ID!) { startSpeech(agendaItemId: $i) { id } }', { i: item.id });
  await shows(display, '.speakers .speaker-name', 'Dietmar Weiß');
  await shows(display, '.speakers .clock', /^noch [12]:\d\d$/);
  const first = await display.locator('.speakers .clock').textContent();
  await expect.poll(() => display.locator('.speakers .clock').textContent(), { timeout: 10_000 }).not.toBe(first);
  await shows(weiss, '.speaking', 'Sie haben das Wort.');
  await shows(boesel, '.place', 'Ihre Wortmeldung: Platz 1 von 1');
  await display.screenshot({ path: `${screenshots}display-speakers.png` });
  await boesel.screenshot({ path: `${screenshots}vote-speakers.png` });
  expect(await axeViolations(display)).toEqual([]);
  expect(await axeViolations(boesel)).toEqual([]);

  // Herr Bösel withdraws: the display lists nobody next, his page offers to ask again.
  await boesel.getByRole('button', { name: 'Wortmeldung zurückziehen' }).click();
  await boesel.getByRole('button', { name: 'Wortmeldung', exact: true }).waitFor();
  expect(await boesel.locator('.place').count()).toBe(0);
  await expect.poll(() => display.locator('.next-speakers li').count()).toBe(0);
  await clerk('mutation($i: ID!) { endSpeech(agendaItemId: $i) { id } }', { i: item.id });
  await expect.poll(() => display.locator('.speakers').count()).toBe(0);
});
