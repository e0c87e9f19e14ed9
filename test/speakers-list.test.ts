// The speakers' list (Redeliste) through the public API: members ask to speak and withdraw over
// HTTP, the clerk adds, reorders, calls and ends speeches; the list and its events reach
// subscribers over WebSocket and SSE, resumably, and nothing of a non-public item's list reaches
// anyone who may not read the item.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf, idOf } from '../src/global-id.js';
import type { Gql } from '../scripts/graphql-client.js';
import { displayTokenFor, startClerkSession, tokenFor, type GraphQLResponse, type TestServer } from './support/server.js';
import { sseSubscribe, wsClient, wsSubscribe } from './support/live.js';
import { runningCouncilMeeting, type Council } from './support/council.js';
import { at } from './support/indexing.js';
import { htmlText, markdownText, normalize, pdfText } from './support/documents.js';
import { localUrl } from './support/files.js';

let server: TestServer;
let clerk: string;
let gql: Gql;

beforeAll(async () => ({ server, clerk, gql } = await startClerkSession()));
afterAll(() => server?.stop());

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;

const SPEECH = `id kind state position startedAt endedAt duration person { name }`;
const LIST = `speakingTime current { ${SPEECH} } waiting { ${SPEECH} } finished { ${SPEECH} }`;
const REQUEST = `mutation($i: ID!, $poo: Boolean) { requestToSpeak(agendaItemId: $i, pointOfOrder: $poo) { ${SPEECH} } }`;
const ADD = `mutation($i: ID!, $p: ID!, $poo: Boolean) { addSpeechRequest(agendaItemId: $i, personId: $p, pointOfOrder: $poo) { ${SPEECH} } }`;
const WITHDRAW = `mutation($s: ID!) { withdrawSpeechRequest(speechId: $s) { ${SPEECH} withdrawnAt } }`;
const MOVE = `mutation($s: ID!, $position: Int!) { moveSpeechRequest(speechId: $s, position: $position) { ${SPEECH} } }`;
const START = `mutation($i: ID!, $s: ID, $at: DateTime) { startSpeech(agendaItemId: $i, speechId: $s, at: $at) { ${SPEECH} } }`;
const END = `mutation($i: ID!, $at: DateTime) { endSpeech(agendaItemId: $i, at: $at) { ${SPEECH} } }`;
const LIST_OF = `query($i: ID!) { node(id: $i) { ... on AgendaItem { speakingTime speakersList { ${LIST} } speeches { id state } } } }`;
const SUBSCRIBE_LIST = `subscription($i: ID!, $after: String) {
  speakersList(agendaItemId: $i, after: $after) {
    cursor
    event { __typename sequence ... on SpeakersListChanged { change speech { person { name } } } }
    speakersList { current { person { name } } waiting { person { name } position } }
  }
}`;
const EVENTS = `subscription($m: ID!, $after: String) {
  meetingEvents(meetingId: $m, after: $after) {
    __typename sequence
    ... on SpeakersListChanged { change agendaItem { name } speech { kind person { name } } }
    ... on SpeakingTimeChanged { forAgendaItem { name } meeting { speakingTime } }
  }
}`;

const personGlobal = (uuid: string) => globalIdOf('Person', uuid);
const names = (speeches: { person: { name: string } }[]) => speeches.map((speech) => speech.person.name);

/** A running council meeting whose members are all present; the first item is current. */
async function council(size: number): Promise<Council & { tokens: string[] }> {
  const meeting = await runningCouncilMeeting(server, gql, size);
  return { ...meeting, tokens: await Promise.all(meeting.members.map((member) => tokenFor(['member'], member))) };
}

async function listOf(itemId: string, token?: string) {
  const response = await server.graphql(LIST_OF, { i: itemId }, token);
  expect(response.errors).toBeUndefined();
  return response.data.node as { speakingTime: number | null; speakersList: any; speeches: { id: string; state: string }[] };
}

/** The minutes as the reader gets them, as plain text. */
async function minutesText(meetingId: string, format: 'MARKDOWN' | 'HTML' | 'PDF', token?: string): Promise<string> {
  const { data } = await server.graphql(`query($m: ID!, $f: DocumentFormat!) { node(id: $m) { ... on Meeting { minutes(format: $f) { content downloadUrl } } } }`, { m: meetingId, f: format }, token);
  const { content, downloadUrl } = data.node.minutes;
  if (format === 'MARKDOWN') return normalize(markdownText(content));
  if (format === 'HTML') return normalize(htmlText(content));
  return normalize(await pdfText(await fetch(localUrl(server, downloadUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} })));
}

const eventCursor = async (meetingId: string, token?: string) =>
  (await server.graphql(`query($m: ID!) { node(id: $m) { ... on Meeting { eventCursor } } }`, { m: meetingId }, token)).data.node.eventCursor as string;

describe('the speakers\' list of the current item', () => {
  it('puts points of order first, withdraws, reorders, calls and ends speeches with their durations, each change an event', async () => {
    const { meetingId, itemId, tokens } = await council(5);
    const client = wsClient(server, clerk);
    const events = await wsSubscribe(client, EVENTS, { m: meetingId, after: await eventCursor(meetingId, clerk) });
    const ask = async (index: number, pointOfOrder = false) => {
      const response = await server.graphql(REQUEST, { i: itemId, poo: pointOfOrder }, tokens[index]);
      expect(response.errors).toBeUndefined();
      return response.data.requestToSpeak;
    };

    const first = await ask(0);
    expect(first).toMatchObject({ kind: 'REGULAR', state: 'WAITING', position: 1, person: { name: 'Mitglied 1' } });
    const second = await ask(1);
    const third = await ask(2);
    // Points of order go in front of the regular requests, the second behind the first.
    expect(await ask(3, true)).toMatchObject({ kind: 'POINT_OF_ORDER', position: 1 });
    expect(await ask(4, true)).toMatchObject({ kind: 'POINT_OF_ORDER', position: 2 });
    let list = (await listOf(itemId, clerk)).speakersList;
    expect(names(list.waiting)).toEqual(['Mitglied 4', 'Mitglied 5', 'Mitglied 1', 'Mitglied 2', 'Mitglied 3']);
    expect(list.waiting.map((speech: { position: number }) => speech.position)).toEqual([1, 2, 3, 4, 5]);

    // A second request of the same person is refused; the member withdraws their own.
    expect(codeOf(await server.graphql(REQUEST, { i: itemId }, tokens[0]))).toBe('ALREADY_REQUESTED');
    const withdrawn = await server.graphql(WITHDRAW, { s: second.id }, tokens[1]);
    expect(withdrawn.data.withdrawSpeechRequest).toMatchObject({ state: 'WITHDRAWN', position: null });
    expect(withdrawn.data.withdrawSpeechRequest.withdrawnAt).toEqual(expect.any(String));
    expect(codeOf(await server.graphql(WITHDRAW, { s: first.id }, tokens[2]))).toBe('FORBIDDEN');
    // The clerk moves Mitglied 3 to the front.
    expect((await gql(MOVE, { s: third.id, position: 1 })).moveSpeechRequest.position).toBe(1);
    list = (await listOf(itemId, clerk)).speakersList;
    expect(names(list.waiting)).toEqual(['Mitglied 3', 'Mitglied 4', 'Mitglied 5', 'Mitglied 1']);
    expect((await gql(MOVE, { s: third.id, position: 99 })).moveSpeechRequest.position).toBe(4);
    expect((await gql(MOVE, { s: third.id, position: 1 })).moveSpeechRequest.position).toBe(1);

    // Speaking time: the item's own wins over the meeting's.
    await gql(`mutation($m: ID!) { setMeetingSpeakingTime(meetingId: $m, seconds: 180) { speakingTime } }`, { m: meetingId });
    expect((await listOf(itemId)).speakersList.speakingTime).toBe(180);
    await gql(`mutation($i: ID!) { setAgendaItemSpeakingTime(agendaItemId: $i, seconds: 120) { speakingTime } }`, { i: itemId });
    expect((await listOf(itemId)).speakersList.speakingTime).toBe(120);

    // The next speaker, then one called out of turn (the first ends then), then the end.
    const t0 = Date.now() - 600_000;
    const time = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
    expect((await gql(START, { i: itemId, at: time(0) })).startSpeech).toMatchObject({ state: 'SPEAKING', person: { name: 'Mitglied 3' }, startedAt: time(0), duration: null });
    expect((await gql(START, { i: itemId, s: first.id, at: time(60) })).startSpeech).toMatchObject({ state: 'SPEAKING', person: { name: 'Mitglied 1' } });
    expect((await gql(END, { i: itemId, at: time(150) })).endSpeech).toMatchObject({ state: 'FINISHED', endedAt: time(150), duration: 90 });
    list = (await listOf(itemId)).speakersList;
    expect(list.current).toBeNull();
    expect(names(list.waiting)).toEqual(['Mitglied 4', 'Mitglied 5']);
    expect(list.finished.map((speech: any) => [speech.person.name, speech.duration])).toEqual([
      ['Mitglied 3', 60],
      ['Mitglied 1', 90],
    ]);

    // A speech still being held ends with its item.
    await gql(START, { i: itemId });
    const { completeAgendaItem } = await gql(`mutation($i: ID!) { completeAgendaItem(agendaItemId: $i) { end } }`, { i: itemId });
    const { speeches } = await listOf(itemId, clerk);
    expect(speeches.map((speech) => speech.state)).toEqual(['FINISHED', 'WITHDRAWN', 'FINISHED', 'FINISHED', 'WAITING']);
    const ended = (await server.graphql(`query($s: ID!) { node(id: $s) { ... on Speech { endedAt } } }`, { s: speeches[3]?.id }, clerk)).data.node;
    expect(ended.endedAt).toBe(completeAgendaItem.end);

    const seen = (await events.until((so) => so.some((result) => result.data?.meetingEvents.__typename === 'AgendaItemCompleted'))).map((result) => result.data.meetingEvents);
    events.close();
    await client.dispose();
    expect(seen.map((event) => event.sequence)).toEqual(seen.map((_, index) => seen[0].sequence + index));
    expect(seen.map((event) => event.change ?? event.__typename)).toEqual([
      'REQUESTED', 'REQUESTED', 'REQUESTED', 'REQUESTED', 'REQUESTED', 'WITHDRAWN', 'MOVED', 'MOVED', 'MOVED',
      'SpeakingTimeChanged', 'SpeakingTimeChanged', 'STARTED', 'ENDED', 'STARTED', 'ENDED', 'STARTED', 'ENDED', 'AgendaItemCompleted',
    ]);
    expect(seen[3]).toMatchObject({ agendaItem: { name: 'Antrag' }, speech: { kind: 'POINT_OF_ORDER', person: { name: 'Mitglied 4' } } });
    expect(seen[9]).toMatchObject({ forAgendaItem: null, meeting: { speakingTime: 180 } });
    expect(seen[10]).toMatchObject({ forAgendaItem: { name: 'Antrag' } });

    // The lists load with the agenda, in the same statements (for the pages, which read them on every event).
    const statements = async (selection: string) =>
      (await server.graphql(`query($m: ID!) { node(id: $m) { ... on Meeting { agendaItems { ${selection} } } } }`, { m: meetingId }, clerk)).extensions?.sqlStatements;
    const agendaAlone = await statements('id');
    expect(agendaAlone).toEqual(expect.any(Number));
    expect(await statements(`id speakersList { ${LIST} }`)).toBe(agendaAlone);

    // The minutes list who spoke, in order.
    expect(await minutesText(meetingId, 'MARKDOWN')).toContain('Zu Punkt 1: Antrag Wortmeldungen: Mitglied 3, Mitglied 1, Mitglied 4 (zur Geschäftsordnung)');
  });

  it('refuses with a code: who may not speak, a second request, an item that is not current, unknown ids', async () => {
    const { meetingId, itemId, members, tokens } = await council(2);
    const ask = (token: string | undefined, agendaItemId = itemId) => server.graphql(REQUEST, { i: agendaItemId }, token);

    // Not present: a member of another committee, a council member recorded as absent.
    const outsider = await tokenFor(['member'], seedIds.person.hendele);
    expect(codeOf(await ask(outsider))).toBe('NOT_ENTITLED');
    await gql(`mutation($m: ID!, $p: ID!) { recordAttendance(meetingId: $m, personId: $p, status: ABSENT) { id } }`, { m: meetingId, p: personGlobal(at(members, 1)) });
    expect(codeOf(await ask(tokens[1]))).toBe('NOT_ENTITLED');
    expect(codeOf(await server.graphql(ADD, { i: itemId, p: personGlobal(at(members, 1)) }, clerk))).toBe('NOT_ENTITLED');
    // A guest present speaks when the clerk puts them on the list.
    await gql(`mutation($m: ID!, $p: ID!) { recordAttendance(meetingId: $m, personId: $p, status: PRESENT, role: GUEST) { id } }`, { m: meetingId, p: personGlobal(seedIds.person.fischer) });
    expect(codeOf(await ask(await tokenFor(['member'], seedIds.person.fischer)))).toBe('NOT_ENTITLED');
    expect((await gql(ADD, { i: itemId, p: personGlobal(seedIds.person.fischer) })).addSpeechRequest).toMatchObject({ person: { name: 'Fischer' }, position: 1 });
    expect(codeOf(await server.graphql(ADD, { i: itemId, p: personGlobal(seedIds.person.fischer) }, clerk))).toBe('ALREADY_REQUESTED');

    // Signed in or not, a person or not, a clerk or not.
    expect(codeOf(await ask(undefined))).toBe('UNAUTHENTICATED');
    expect(codeOf(await ask(await displayTokenFor([seedIds.committee])))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(START, { i: itemId }, tokens[0]))).toBe('FORBIDDEN');

    // Nothing to call or end; a request that is no longer waiting.
    expect(codeOf(await server.graphql(END, { i: itemId }, clerk))).toBe('INVALID_STATE');
    const { requestToSpeak } = (await ask(tokens[0])).data;
    await gql(START, { i: itemId, s: requestToSpeak.id });
    expect(codeOf(await server.graphql(WITHDRAW, { s: requestToSpeak.id }, tokens[0]))).toBe('INVALID_STATE');
    expect(codeOf(await server.graphql(MOVE, { s: requestToSpeak.id, position: 1 }, clerk))).toBe('INVALID_STATE');
    expect(codeOf(await server.graphql(MOVE, { s: requestToSpeak.id, position: 0 }, clerk))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.graphql(`mutation($m: ID!) { setMeetingSpeakingTime(meetingId: $m, seconds: 0) { id } }`, { m: meetingId }, clerk))).toBe('BAD_USER_INPUT');
    await gql(END, { i: itemId });
    await gql(START, { i: itemId });
    await gql(END, { i: itemId });
    expect(codeOf(await server.graphql(START, { i: itemId }, clerk))).toBe('INVALID_STATE');

    // An item that is not the current one: planned, or completed.
    const { addAgendaItem } = await gql(`mutation($m: ID!) { addAgendaItem(meetingId: $m, name: "Verschiedenes") { id } }`, { m: meetingId });
    expect(codeOf(await ask(tokens[0], addAgendaItem.id))).toBe('INVALID_STATE');
    await gql(`mutation($i: ID!) { startAgendaItem(agendaItemId: $i) { id } }`, { i: addAgendaItem.id });
    expect(codeOf(await ask(tokens[0]))).toBe('INVALID_STATE');

    // Unknown ids.
    const unknownItem = globalIdOf('AgendaItem', randomUUID());
    expect(codeOf(await ask(tokens[0], unknownItem))).toBe('NOT_FOUND');
    expect(codeOf(await server.graphql(START, { i: unknownItem }, clerk))).toBe('NOT_FOUND');
    expect(codeOf(await server.graphql(WITHDRAW, { s: globalIdOf('Speech', randomUUID()) }, tokens[0]))).toBe('NOT_FOUND');
    expect(codeOf(await server.graphql(START, { i: addAgendaItem.id, s: requestToSpeak.id }, clerk))).toBe('NOT_FOUND');
    expect(codeOf(await server.graphql(ADD, { i: addAgendaItem.id, p: personGlobal(randomUUID()) }, clerk))).toBe('NOT_FOUND');
    expect(codeOf(await ask(tokens[0], globalIdOf('Meeting', idOf(meetingId, 'Meeting', 'meetingId'))))).toBe('BAD_USER_INPUT');
  });
});

describe('the list of a non-public item', () => {
  it('is seen by members and clerks only; to anyone else it is unknown, in queries, mutations, subscriptions and events', async () => {
    const { meetingId, itemId, tokens } = await council(2);
    const member = tokens[0];
    const outsider = await tokenFor(['member'], seedIds.person.hendele);
    const anonymousEvents = await sseSubscribe(server, EVENTS, { m: meetingId, after: await eventCursor(meetingId) });

    // On the public item everyone sees the list.
    const { requestToSpeak: publicRequest } = (await server.graphql(REQUEST, { i: itemId }, member)).data;
    for (const token of [undefined, outsider]) {
      expect(names((await listOf(itemId, token)).speakersList.waiting)).toEqual(['Mitglied 1']);
      expect((await server.graphql(`query($s: ID!) { node(id: $s) { id } }`, { s: publicRequest.id }, token)).data.node.id).toBe(publicRequest.id);
    }
    await gql(START, { i: itemId });
    await gql(END, { i: itemId });

    const { addUrgentAgendaItem: secret } = await gql(`mutation($m: ID!) { addUrgentAgendaItem(meetingId: $m, name: "Personalangelegenheit", public: false) { id } }`, { m: meetingId });
    await gql(`mutation($i: ID!) { startAgendaItem(agendaItemId: $i) { id } }`, { i: secret.id });
    const { requestToSpeak: secretRequest } = (await server.graphql(REQUEST, { i: secret.id, poo: true }, tokens[1])).data;
    await gql(`mutation($i: ID!) { setAgendaItemSpeakingTime(agendaItemId: $i, seconds: 60) { id } }`, { i: secret.id });
    await gql(START, { i: secret.id });

    for (const token of [member, clerk]) {
      const { speakingTime, speakersList, speeches } = await listOf(secret.id, token);
      expect(speakingTime).toBe(60);
      expect(speakersList.current.person.name).toBe('Mitglied 2');
      expect(speeches).toHaveLength(1);
    }
    const unknownSpeech = await server.graphql(`query($s: ID!) { node(id: $s) { id } }`, { s: globalIdOf('Speech', randomUUID()) });
    for (const token of [undefined, outsider]) {
      expect(await listOf(secret.id, token)).toEqual({ speakingTime: null, speakersList: null, speeches: [] });
      const hidden = await server.graphql(`query($s: ID!) { node(id: $s) { id } }`, { s: secretRequest.id }, token);
      expect(hidden.errors?.map((error) => error.extensions)).toEqual(unknownSpeech.errors?.map((error) => error.extensions));
      const refusal = at(await (await sseSubscribe(server, SUBSCRIBE_LIST, { i: secret.id }, token)).received(1), 0);
      expect(codeOf(refusal)).toBe('NOT_FOUND');
    }
    // A mutation on a hidden item or request answers as for an unknown one.
    const unknownItem = await server.graphql(REQUEST, { i: globalIdOf('AgendaItem', randomUUID()) }, outsider);
    const hiddenItem = await server.graphql(REQUEST, { i: secret.id }, outsider);
    expect(hiddenItem.errors?.map((error) => [error.message, error.extensions])).toEqual(unknownItem.errors?.map((error) => [error.message, error.extensions]));
    expect(codeOf(await server.graphql(WITHDRAW, { s: secretRequest.id }, outsider))).toBe('NOT_FOUND');

    // Anonymous readers see the public item's events with their own gapless numbers, nothing of the non-public one.
    await gql(`mutation($m: ID!) { endMeeting(meetingId: $m) { id } }`, { m: meetingId });
    const seen = (await anonymousEvents.until((so) => so.some((result) => result.data?.meetingEvents.__typename === 'MeetingEnded'))).map((result) => result.data.meetingEvents);
    anonymousEvents.close();
    expect(seen.map((event) => event.change ?? event.__typename)).toEqual(['REQUESTED', 'STARTED', 'ENDED', 'AgendaItemCompleted', 'MeetingEnded']);
    expect(seen.map((event) => event.sequence)).toEqual(seen.map((_, index) => seen[0].sequence + index));
    expect(anonymousEvents.raw()).not.toContain('Mitglied 2');

    // The minutes name the speakers of the non-public item only to those who may read it.
    for (const format of ['MARKDOWN', 'HTML', 'PDF'] as const) {
      const text = await minutesText(meetingId, format);
      expect(text).toContain('Zu Punkt 1: Antrag Wortmeldungen: Mitglied 1 ');
      expect(text).toContain('Nicht öffentlicher Teil [...] Ende der Sitzung');
      expect(text.match(/Wortmeldungen/g)).toHaveLength(1);
      expect(text).not.toContain('Geschäftsordnung');
    }
    expect(await minutesText(meetingId, 'HTML', member)).toContain('Zu Punkt 2: Personalangelegenheit Wortmeldungen: Mitglied 2 (zur Geschäftsordnung)');
  });
});

describe('the speakersList subscription', () => {
  it('sends the list now and after each change, and resumes after a cursor with exactly the missed changes', async () => {
    const { meetingId, itemId, members, tokens } = await council(4);
    const client = wsClient(server, tokens[0]);
    const live = await wsSubscribe(client, SUBSCRIBE_LIST, { i: itemId });
    const initial = at(await live.received(1), 0);
    expect(initial.data.speakersList).toMatchObject({ event: null, speakersList: { current: null, waiting: [] } });

    await server.graphql(REQUEST, { i: itemId }, tokens[1]);
    const afterFirst = at(await live.received(2), 1);
    expect(afterFirst.data.speakersList).toMatchObject({
      event: { __typename: 'SpeakersListChanged', change: 'REQUESTED', speech: { person: { name: 'Mitglied 2' } } },
      speakersList: { waiting: [{ person: { name: 'Mitglied 2' }, position: 1 }] },
    });
    live.close();

    // Missed while away: two changes of this list, and events that are not about it.
    await server.graphql(REQUEST, { i: itemId }, tokens[2]);
    await gql(`mutation($m: ID!, $p: ID!) { recordAttendance(meetingId: $m, personId: $p, status: ABSENT) { id } }`, { m: meetingId, p: personGlobal(at(members, 3)) });
    await server.graphql(REQUEST, { i: itemId, poo: true }, tokens[0]);

    const resumed = await wsSubscribe(client, SUBSCRIBE_LIST, { i: itemId, after: afterFirst.data.speakersList.cursor });
    const missed = (await resumed.received(2)).map((result) => result.data.speakersList);
    expect(missed.map((update) => names([update.event.speech]))).toEqual([['Mitglied 3'], ['Mitglied 1']]);
    // Each update is the list now; the cursors advance with the events they follow.
    expect(names(missed[1].speakersList.waiting)).toEqual(['Mitglied 1', 'Mitglied 2', 'Mitglied 3']);
    expect(missed[1].event.sequence).toBeGreaterThan(missed[0].event.sequence + 1);
    await gql(START, { i: itemId });
    const [, , next] = (await resumed.received(3)).map((result) => result.data.speakersList);
    expect(next).toMatchObject({ event: { change: 'STARTED' }, speakersList: { current: { person: { name: 'Mitglied 1' } } } });
    resumed.close();
    await client.dispose();

    // Anonymous over SSE on the public item, from the meeting's cursor; a member's cursor is refused.
    const anonymous = await sseSubscribe(server, SUBSCRIBE_LIST, { i: itemId, after: await eventCursor(meetingId) });
    await gql(END, { i: itemId });
    const ended = at(await anonymous.received(1), 0);
    expect(ended.data.speakersList).toMatchObject({ event: { change: 'ENDED' }, speakersList: { current: null } });
    anonymous.close();
    const refused = at(await (await sseSubscribe(server, SUBSCRIBE_LIST, { i: itemId, after: next.cursor })).received(1), 0);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
  });
});
