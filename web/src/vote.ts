// The member's voting page: /vote[?token=<token>]. The token from the link is kept in
// localStorage and removed from the address bar. Shows the member's meetings today, follows the
// chosen meeting through meetingEvents (so an opened or closed vote appears at once), and casts a
// ballot after a confirmation, over the same WebSocket. On the current item the member asks to
// speak (Wortmeldung, or a point of order), sees their place on the speakers' list and can withdraw.
import './styles/base.css';
import './styles/vote.css';
import { ApiError, followEvents, request, type Following } from './api';
import { formatTime, h, render } from './dom';
import {
  CastBallotDocument,
  RequestToSpeakDocument,
  VoterEventsDocument,
  VoterHomeDocument,
  WithdrawSpeechRequestDocument,
  type BallotChoice,
  type VoterHomeQuery,
  type VoterMeetingFragment,
} from './generated/graphql';
import { votedText } from './tally';

type Meeting = VoterMeetingFragment;
/** A meeting as loaded, with the cursor to follow it from. */
type LoadedMeeting = VoterHomeQuery['meetings']['edges'][number]['node'];
type Item = Meeting['agendaItems'][number];
type Vote = Item['votes'][number];

const TOKEN_KEY = 'council.token';
const app = document.getElementById('app')!;

const choices: { choice: BallotChoice; label: string }[] = [
  { choice: 'YES', label: 'Ja' },
  { choice: 'NO', label: 'Nein' },
  { choice: 'ABSTAIN', label: 'Enthaltung' },
];
const labelOf = (choice: BallotChoice) => choices.find((entry) => entry.choice === choice)!.label;

const refusals: Record<string, string> = {
  NOT_ENTITLED: 'Sie sind für diese Abstimmung nicht stimmberechtigt: Sie sind nicht als anwesend eingetragen. Bitte wenden Sie sich an die Schriftführung.',
  ALREADY_VOTED: 'Sie haben bei dieser Abstimmung bereits abgestimmt.',
  VOTE_CLOSED: 'Die Abstimmung ist bereits geschlossen.',
};

const speechRefusals: Record<string, string> = {
  NOT_ENTITLED: 'Sie können sich nicht zu Wort melden: Sie sind nicht als anwesend eingetragen. Bitte wenden Sie sich an die Schriftführung.',
  ALREADY_REQUESTED: 'Sie stehen bereits auf der Redeliste.',
  INVALID_STATE: 'Zu diesem Tagesordnungspunkt ist das nicht mehr möglich.',
};

let token = takeToken();
let personName = '';
let personId = '';
/** The API's refusal of the last request to speak or withdrawal, until the next one. */
let speechRefusal: string | undefined;
let meetings: LoadedMeeting[] = [];
let meeting: Meeting | undefined;
/** The connection that follows the meeting: the ballot goes over it. */
let following: Following | undefined;
let offline = false;
/** Per vote: the choice being confirmed, the ballot cast here (until vote.myBallot has it), or the API's refusal. */
const pending = new Map<string, BallotChoice>();
const cast = new Map<string, { choice: BallotChoice; castAt: string }>();
const refused = new Map<string, string>();
/** Per open named vote: how many have voted, from the BallotsCounted events. */
const progress = new Map<string, string>();
let message: string | undefined;

function takeToken(): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url);
  }
  return localStorage.getItem(TOKEN_KEY);
}

function signOut(reason?: string): void {
  localStorage.removeItem(TOKEN_KEY);
  token = null;
  message = reason;
  update();
}

async function load(): Promise<void> {
  if (!token) return update();
  const from = new Date();
  from.setHours(0, 0, 0, 0);
  const to = new Date(from);
  to.setDate(to.getDate() + 1);
  try {
    const data = await request(VoterHomeDocument, { from: from.toISOString(), to: to.toISOString() }, token);
    const person = data.viewer?.person;
    if (!person) return signOut('Dieser Zugang gehört zu keinem Ratsmitglied.');
    personName = person.name;
    personId = person.id;
    const organizations = new Set(person.memberships.edges.map((edge) => edge.node.organization.id));
    meetings = data.meetings.edges.map((edge) => edge.node).filter((candidate) => candidate.organizations.some((o) => organizations.has(o.id)));
    const [only, other] = meetings;
    if (only && !other) open(only);
    else update();
  } catch (error) {
    if ((error as ApiError).code === 'UNAUTHENTICATED') signOut('Ihr Zugang ist ungültig oder abgelaufen. Bitte öffnen Sie den Link aus Ihrer Einladung erneut.');
    else {
      message = (error as Error).message;
      update();
    }
  }
}

// Without eventCursor in `meeting`, an event that changes nothing shown compares equal to it.
function open({ eventCursor, ...chosen }: LoadedMeeting): void {
  meeting = chosen;
  update();
  following = followEvents({
    document: VoterEventsDocument,
    after: eventCursor,
    variables: (after) => ({ meetingId: chosen.id, after }),
    cursorOf: (data) => data.meetingEvents.cursor,
    token: token ?? undefined,
    onEvent: (data) => {
      const event = data.meetingEvents;
      if (event.__typename === 'BallotsCounted') {
        progress.set(event.vote.id, votedText(event.ballotsCast, event.eligible));
        // In place: re-rendering a few times a second would replace the buttons under a finger.
        const shown = document.querySelector(`.vote .tally[data-vote="${event.vote.id}"]`);
        if (shown) return void (shown.textContent = progress.get(event.vote.id)!);
      }
      // Most events change nothing shown here: keep the buttons still.
      if (JSON.stringify(event.meeting) === JSON.stringify(meeting)) return;
      meeting = event.meeting;
      update();
    },
    onLive: () => {
      offline = false;
      update();
    },
    onOffline: () => {
      offline = true;
      update();
    },
    onFatal: (error) => {
      message = error.message;
      update();
    },
  });
}

async function castBallot(vote: Vote, choice: BallotChoice): Promise<void> {
  pending.delete(vote.id);
  try {
    const data = await following!.request(CastBallotDocument, { voteId: vote.id, choice });
    cast.set(vote.id, data.castBallot);
  } catch (error) {
    const code = (error as ApiError).code ?? '';
    refused.set(vote.id, refusals[code] ?? (error as Error).message);
  }
  update();
}

/** Asks to speak on the item, or withdraws; the list itself comes with the next event. */
async function speech(action: () => Promise<unknown>): Promise<void> {
  speechRefusal = undefined;
  try {
    await action();
  } catch (error) {
    speechRefusal = speechRefusals[(error as ApiError).code ?? ''] ?? (error as Error).message;
  }
  update();
}

function update(): void {
  render(
    app,
    h('header', { class: 'topbar' }, h('h1', null, 'Abstimmen'), personName && h('p', { class: 'who' }, personName)),
    h('main', null, offline && h('p', { class: 'notice offline', role: 'status' }, 'Keine Verbindung – wird wiederhergestellt …'), message && h('p', { class: 'notice', role: 'alert' }, message), content()),
  );
}

function content(): Node | null {
  if (!token) return signIn();
  if (meeting) return meetingView(meeting);
  if (!personName) return null;
  if (!meetings.length) return h('p', { class: 'empty' }, 'Heute haben Sie keine Sitzung.');
  return h(
    'section',
    { 'aria-labelledby': 'meetings-heading' },
    h('h2', { id: 'meetings-heading' }, 'Ihre Sitzungen heute'),
    h('ul', { class: 'meetings' }, meetings.map((candidate) => h('li', null, h('button', { type: 'button', class: 'meeting', onclick: () => open(candidate) }, candidate.name, candidate.start && h('span', null, formatTime(candidate.start)))))),
  );
}

function signIn(): HTMLElement {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true });
  return h(
    'form',
    {
      class: 'sign-in',
      onsubmit: (event: Event) => {
        event.preventDefault();
        localStorage.setItem(TOKEN_KEY, input.value.trim());
        token = input.value.trim();
        message = undefined;
        void load();
      },
    },
    h('h2', null, 'Anmelden'),
    h('p', null, 'Öffnen Sie den Link aus Ihrer Einladung oder geben Sie Ihren Zugangsschlüssel ein.'),
    h('label', { for: 'token' }, 'Zugangsschlüssel'),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Anmelden'),
  );
}

function meetingView(meeting: Meeting): HTMLElement {
  const entries = meeting.agendaItems.flatMap((item) => item.votes.map((vote) => ({ item, vote })));
  const openVote = entries.find((entry) => entry.vote.state === 'OPEN');
  // A closed vote stays on screen for whoever took part in it: their ballot, refusal, or the news
  // that it closed while they were confirming.
  const touched = (vote: Vote) => !!vote.myBallot || cast.has(vote.id) || refused.has(vote.id) || pending.has(vote.id);
  const lastClosed = entries.filter((entry) => entry.vote.state === 'CLOSED' && touched(entry.vote)).at(-1);
  const shown = openVote ?? lastClosed;
  return h(
    'section',
    { class: 'meeting', 'aria-labelledby': 'meeting-heading' },
    h('h2', { id: 'meeting-heading' }, meeting.name),
    shown ? voteView(shown.item, shown.vote) : h('p', { class: 'empty', role: 'status' }, meeting.meetingState === 'FINISHED' ? 'Die Sitzung ist beendet.' : 'Zurzeit läuft keine Abstimmung.'),
    speakersView(meeting.agendaItems.find((item) => item.state === 'RUNNING')),
  );
}

/** The member on the current item's speakers' list: their place, or the buttons to get on it. */
function speakersView(item: Item | undefined): HTMLElement | null {
  const list = item?.speakersList;
  if (!item || !list) return null;
  const mine = list.waiting.filter((waiting) => waiting.person.id === personId);
  const waitingAs = (kind: string) => mine.find((own) => own.kind === kind);
  const ask = (pointOfOrder: boolean) => () => void speech(() => request(RequestToSpeakDocument, { agendaItemId: item.id, pointOfOrder }, token ?? undefined));
  return h(
    'section',
    { class: 'speakers', 'aria-labelledby': 'speakers-heading' },
    h('h2', { id: 'speakers-heading' }, 'Redeliste'),
    h('p', { class: 'item' }, item.number ? `TOP ${item.number}: ` : '', item.name),
    list.current?.person.id === personId && h('p', { class: 'speaking', role: 'status' }, 'Sie haben das Wort.'),
    mine.map((own) =>
      h(
        'div',
        { class: 'my-request' },
        h(
          'p',
          { class: 'place', role: 'status', 'data-position': own.position ?? '' },
          own.kind === 'POINT_OF_ORDER' ? 'Ihre Meldung zur Geschäftsordnung: ' : 'Ihre Wortmeldung: ',
          h('strong', null, `Platz ${own.position} von ${list.waiting.length}`),
        ),
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => void speech(() => request(WithdrawSpeechRequestDocument, { speechId: own.id }, token ?? undefined)) },
          own.kind === 'POINT_OF_ORDER' ? 'Meldung zur Geschäftsordnung zurückziehen' : 'Wortmeldung zurückziehen',
        ),
      ),
    ),
    !waitingAs('REGULAR') && h('button', { type: 'button', class: 'primary', onclick: ask(false) }, 'Wortmeldung'),
    !waitingAs('POINT_OF_ORDER') && h('button', { type: 'button', class: 'secondary', onclick: ask(true) }, 'Zur Geschäftsordnung'),
    speechRefusal && h('p', { class: 'refused', role: 'alert' }, speechRefusal),
  );
}

function voteView(item: Item, vote: Vote): HTMLElement {
  const mine = cast.get(vote.id) ?? vote.myBallot;
  const choosing = pending.get(vote.id);
  const refusal = refused.get(vote.id);
  return h(
    'article',
    { class: 'vote', 'aria-labelledby': 'vote-subject' },
    h('p', { class: 'item' }, item.number ? `TOP ${item.number}: ` : '', item.name),
    h('h3', { id: 'vote-subject' }, vote.subject),
    mine
      ? h('p', { class: 'cast', role: 'status', 'data-choice': mine.choice }, 'Ihre Stimme: ', h('strong', null, labelOf(mine.choice)), ` – abgegeben um ${formatTime(mine.castAt)}`)
      : refusal
        ? h('p', { class: 'refused', role: 'alert' }, refusal)
        : vote.state === 'CLOSED'
          ? h('p', { class: 'refused', role: 'alert' }, refusals.VOTE_CLOSED)
          : choosing
            ? confirmation(vote, choosing)
            : h('div', { class: 'choices', role: 'group', 'aria-label': 'Ihre Stimme' }, choices.map(({ choice, label }) => h('button', { type: 'button', class: `choice ${choice.toLowerCase()}`, onclick: () => (pending.set(vote.id, choice), update()) }, label))),
    vote.state === 'OPEN' && vote.kind === 'NAMED' && h('p', { class: 'tally', 'data-vote': vote.id, role: 'status' }, progress.get(vote.id) ?? ''),
    vote.state === 'CLOSED' && vote.result && h('p', { class: 'result' }, 'Ergebnis: ', vote.result === 'ADOPTED' ? 'angenommen' : 'abgelehnt', vote.unanimous ? ' (einstimmig)' : ''),
  );
}

function confirmation(vote: Vote, choice: BallotChoice): HTMLElement {
  return h(
    'div',
    { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-text' },
    h('p', { id: 'confirm-text' }, 'Ihre Stimme: ', h('strong', null, labelOf(choice)), '. Verbindlich abgeben?'),
    h('button', { type: 'button', class: 'primary', onclick: () => void castBallot(vote, choice) }, 'Stimme abgeben'),
    h('button', { type: 'button', class: 'secondary', onclick: () => (pending.delete(vote.id), update()) }, 'Zurück'),
  );
}

void load();
