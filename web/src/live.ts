// The meeting-room display: /live/<meeting id>[?token=<display token>]. Loads the meeting once,
// then follows meetingEvents from the cursor loaded with it; every event carries the whole display state (DisplayMeeting), so
// the page is exactly right after each one, and after a reconnect it resumes from the cursor of
// the last event it saw: the replayed events bring it up to date without a reload.
import './styles/base.css';
import './styles/live.css';
import { ApiError, followEvents, request } from './api';
import { formatDate, formatTime, h, render } from './dom';
import { votedText } from './tally';
import { DisplayEventsDocument, DisplayMeetingDocument, type DisplayMeetingFragment } from './generated/graphql';

type Meeting = DisplayMeetingFragment;
type Item = Meeting['agendaItems'][number];
type Vote = Item['votes'][number];
type SpeakersList = NonNullable<Item['speakersList']>;

/** How many of the waiting speakers the display lists. */
const NEXT_SPEAKERS_SHOWN = 4;

const app = document.getElementById('app')!;
const meetingId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const token = new URLSearchParams(location.search).get('token') ?? undefined;

let meeting: Meeting | undefined;
let connection: 'connecting' | 'live' | 'offline' = 'connecting';
let failure: string | undefined;

/** Reads the meeting, then follows its events from the cursor read with it: nothing is missed. */
async function start(): Promise<void> {
  try {
    const data = await request(DisplayMeetingDocument, { id: meetingId }, token);
    if (data.node?.__typename !== 'Meeting') failure = 'Diese Sitzung gibt es nicht.';
    else {
      meeting = data.node;
      follow(data.node.eventCursor);
    }
  } catch (error) {
    if ((error as ApiError).code !== 'NETWORK') failure = (error as Error).message;
    else {
      // A display may be switched on before its network is up: keep trying.
      connection = 'offline';
      setTimeout(start, 5_000);
    }
  }
  update();
}

function follow(after: string): void {
  followEvents({
    document: DisplayEventsDocument,
    after,
    variables: (after) => ({ meetingId, after }),
    cursorOf: (data) => data.meetingEvents.cursor,
    token,
    onEvent: (data) => {
      meeting = data.meetingEvents.meeting;
      update();
    },
    onLive: () => {
      connection = 'live';
      update();
    },
    onOffline: () => {
      connection = 'offline';
      update();
    },
    onFatal: (error) => {
      failure = error.message;
      update();
    },
  });
}

function update(): void {
  document.title = meeting ? `${meeting.name} – live` : 'Sitzung live';
  render(app, header(), failure ? h('main', null, h('p', { class: 'notice' }, failure)) : meeting ? board(meeting) : h('main', null, h('p', { class: 'notice' }, 'Die Sitzung wird geladen …')));
  // Keep the current item in view in a long agenda (only the list scrolls, never the page).
  const list = app.querySelector<HTMLElement>('.agenda ol');
  const currentEntry = app.querySelector<HTMLElement>('.agenda [aria-current="step"]');
  if (list && currentEntry) list.scrollTop = currentEntry.offsetTop - list.clientHeight / 3;
}

function header(): HTMLElement {
  const status = {
    connecting: ['Verbindung wird aufgebaut …', 'connecting'],
    live: ['Live', 'live'],
    offline: ['Offline – Verbindung wird wiederhergestellt …', 'offline'],
  }[connection];
  return h(
    'header',
    { class: 'masthead' },
    h(
      'div',
      null,
      meeting && h('p', { class: 'organization' }, meeting.organizations.map((o) => o.name).join(' / ')),
      h('h1', null, meeting?.name ?? 'Sitzung'),
      meeting?.start &&
        h(
          'p',
          { class: 'when' },
          formatDate(meeting.start),
          meeting.openedAt && ` · eröffnet ${formatTime(meeting.openedAt)}`,
          ' · ',
          // The meeting as iCalendar: subscribed, a calendar follows its changes and a cancellation.
          h('a', { class: 'calendar', href: meeting.calendarUrl }, 'Im Kalender'),
        ),
    ),
    h('p', { class: `connection ${status[1]}`, role: 'status', 'data-connection': status[1] }, status[0]),
  );
}

function board(meeting: Meeting): HTMLElement {
  const current = meeting.agendaItems.find((item) => item.state === 'RUNNING');
  return h(
    'main',
    { class: 'board' },
    h('div', { class: 'primary' }, currentItem(meeting, current), speakersSection(current?.speakersList), voteSection(meeting, current)),
    h('div', { class: 'secondary' }, attendanceSection(meeting), agenda(meeting)),
  );
}

const topLabel = (item: Item) => (item.number ? `TOP ${item.number}` : 'TOP');

function currentItem(meeting: Meeting, item: Item | undefined): HTMLElement {
  const heading = h('h2', { id: 'current-heading' }, 'Aktueller Tagesordnungspunkt');
  if (!item) {
    const text = { SCHEDULED: 'Die Sitzung hat noch nicht begonnen.', RUNNING: 'Zurzeit wird kein Tagesordnungspunkt beraten.', FINISHED: 'Die Sitzung ist beendet.' }[meeting.meetingState];
    return h('section', { class: 'current', 'aria-labelledby': 'current-heading' }, heading, h('p', { class: 'idle' }, text));
  }
  return h(
    'section',
    { class: 'current', 'aria-labelledby': 'current-heading', 'data-item': item.number ?? '' },
    heading,
    h('p', { class: 'top-number' }, topLabel(item), !item.public && h('span', { class: 'tag' }, 'nichtöffentlich')),
    h('p', { class: 'top-title' }, item.name),
    item.subtitle && h('p', { class: 'top-subtitle' }, item.subtitle),
    item.papers.length > 0 &&
      h('ul', { class: 'papers', 'aria-label': 'Vorlagen' }, item.papers.map((paper) => h('li', null, paper.reference && h('strong', null, paper.reference), ' ', paper.name))),
  );
}

/** The current item's speakers' list: who has the floor, with the time, and who follows. */
function speakersSection(list: SpeakersList | null | undefined): HTMLElement | null {
  if (!list || (!list.current && !list.waiting.length)) return null;
  const { current, waiting } = list;
  const pointOfOrder = (kind: string) => kind === 'POINT_OF_ORDER' && h('span', { class: 'tag' }, 'zur Geschäftsordnung');
  return h(
    'section',
    { class: 'speakers', 'aria-labelledby': 'speakers-heading' },
    h('h2', { id: 'speakers-heading' }, 'Redeliste'),
    current
      ? h('div', { class: 'speaker' }, h('p', { class: 'speaker-name' }, current.person.name, pointOfOrder(current.kind)), speakingClock(current.startedAt!, list.speakingTime ?? null))
      : h('p', { class: 'idle' }, 'Zurzeit hat niemand das Wort.'),
    waiting.length > 0 &&
      h(
        'div',
        { class: 'next' },
        h('h3', { id: 'next-heading' }, 'Es folgen'),
        h('ol', { class: 'next-speakers', 'aria-labelledby': 'next-heading' }, waiting.slice(0, NEXT_SPEAKERS_SHOWN).map((speech) => h('li', null, speech.person.name, pointOfOrder(speech.kind)))),
        waiting.length > NEXT_SPEAKERS_SHOWN && h('p', { class: 'more' }, `und ${waiting.length - NEXT_SPEAKERS_SHOWN} weitere`),
      ),
  );
}

/** The speaking time left (or, without a limit, the time spoken); the timer below keeps it running. */
function speakingClock(startedAt: string, seconds: number | null): HTMLElement {
  const clock = h('p', { class: 'clock', role: 'timer', 'data-started': startedAt, 'data-seconds': seconds ?? '' });
  tick(clock);
  return clock;
}

const minutesAndSeconds = (total: number) => `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;

function tick(clock: HTMLElement): void {
  const spoken = Math.max(0, Math.floor((Date.now() - Date.parse(clock.dataset.started!)) / 1000));
  const limit = clock.dataset.seconds ? Number(clock.dataset.seconds) : null;
  const left = limit === null ? null : limit - spoken;
  clock.classList.toggle('over', left !== null && left < 0);
  clock.textContent =
    left === null ? `Redezeit ${minutesAndSeconds(spoken)}` : left >= 0 ? `noch ${minutesAndSeconds(left)}` : `Redezeit überschritten um ${minutesAndSeconds(-left)}`;
}

/** The open vote, else the last closed vote of the current item. */
function shownVote(meeting: Meeting, current: Item | undefined): Vote | undefined {
  const open = meeting.agendaItems.flatMap((item) => item.votes).find((vote) => vote.state === 'OPEN');
  return open ?? current?.votes.filter((vote) => vote.state === 'CLOSED').at(-1);
}

function voteSection(meeting: Meeting, current: Item | undefined): HTMLElement | null {
  const vote = shownVote(meeting, current);
  if (!vote) return null;
  // Who may vote is who is present with a voting right: the quorum's count (GO NRW, see the API).
  const entitled = meeting.quorum?.present ?? 0;
  const body =
    vote.state === 'OPEN'
      ? vote.kind === 'NAMED'
        ? [
            h('p', { class: 'tally', 'data-ballots': vote.ballotsCast }, votedText(vote.ballotsCast, entitled)),
            h('progress', { max: entitled, value: vote.ballotsCast, 'aria-label': 'Abgegebene Stimmen' }),
          ]
        : [h('p', { class: 'tally' }, 'Abstimmung per Handzeichen')]
      : result(vote);
  return h(
    'section',
    { class: `vote ${vote.state.toLowerCase()}`, 'aria-labelledby': 'vote-heading' },
    h('h2', { id: 'vote-heading' }, vote.state === 'OPEN' ? 'Abstimmung läuft' : 'Abstimmungsergebnis'),
    h('p', { class: 'subject' }, vote.subject),
    body,
  );
}

function result(vote: Vote): HTMLElement[] {
  const verdict = h(
    'p',
    { class: `verdict ${vote.result === 'ADOPTED' ? 'adopted' : 'rejected'}`, 'data-result': vote.result ?? '' },
    vote.result === 'ADOPTED' ? 'Angenommen' : vote.result === 'REJECTED' ? 'Abgelehnt' : 'Kein Ergebnis',
    vote.unanimous && h('span', { class: 'unanimous' }, ' – einstimmig'),
  );
  if (vote.yes == null && vote.no == null && vote.abstain == null) return [verdict];
  const rows = [
    ['Ja', vote.yes ?? 0, 'yes'],
    ['Nein', vote.no ?? 0, 'no'],
    ['Enthaltung', vote.abstain ?? 0, 'abstain'],
  ] as const;
  const largest = Math.max(1, ...rows.map((row) => row[1]));
  return [
    h(
      'dl',
      { class: 'bars' },
      rows.map(([label, count, key]) =>
        h(
          'div',
          { class: `bar ${key}`, 'data-choice': key },
          h('dt', null, label),
          h('dd', null, h('span', { class: 'fill', style: `width: ${(count / largest) * 100}%`, 'aria-hidden': 'true' }), h('span', { class: 'count' }, count)),
        ),
      ),
    ),
    verdict,
  ];
}

function attendanceSection(meeting: Meeting): HTMLElement | null {
  const quorum = meeting.quorum;
  if (!quorum) return null;
  return h(
    'section',
    { class: 'attendance', 'aria-labelledby': 'attendance-heading' },
    h('h2', { id: 'attendance-heading' }, 'Anwesenheit'),
    h('p', { class: 'present', 'data-present': quorum.present }, h('strong', null, quorum.present), ` von ${quorum.seats} Stimmberechtigten anwesend`),
    h('p', { class: `quorum ${quorum.quorate ? 'reached' : 'missed'}`, 'data-quorum': String(quorum.quorate) }, quorum.quorate ? 'Beschlussfähig' : 'Nicht beschlussfähig'),
  );
}

const itemStates: Record<Item['state'], string> = {
  COMPLETED: 'erledigt',
  RUNNING: 'läuft',
  PLANNED: '',
  POSTPONED: 'vertagt',
  WITHDRAWN: 'abgesetzt',
};

function agenda(meeting: Meeting): HTMLElement {
  return h(
    'section',
    { class: 'agenda', 'aria-labelledby': 'agenda-heading' },
    h('h2', { id: 'agenda-heading' }, 'Tagesordnung'),
    h(
      'ol',
      // Focusable, so that a keyboard can scroll a long agenda.
      { tabindex: 0, 'aria-labelledby': 'agenda-heading' },
      meeting.agendaItems.map((item) =>
        h(
          'li',
          { class: `${item.state.toLowerCase()}${item.parent ? ' sub' : ''}`, 'aria-current': item.state === 'RUNNING' ? 'step' : null, 'data-state': item.state },
          h('span', { class: 'number' }, item.number ?? ''),
          h('span', { class: 'name' }, item.name),
          itemStates[item.state] && h('span', { class: 'state' }, itemStates[item.state]),
        ),
      ),
    ),
  );
}

setInterval(() => document.querySelectorAll<HTMLElement>('.speakers .clock').forEach(tick), 1_000);
void start();
