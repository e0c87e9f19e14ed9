// Plays the seed meeting of 21.11.2024 against a running server, so that a dashboard can watch it:
//   npm run demo:live -- [--url http://localhost:4000] [--speed 60] [--wait 5]
// --speed 60 runs the 84 minutes of the meeting in 84 seconds. Signs a clerk token itself with
// the development secret (JWT_SECRET when set).
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config.js';
import { signDevelopmentToken } from '../src/auth/token.js';
import { graphqlClient } from './graphql-client.js';
import { prepareSeedMeeting, runSeedMeeting } from './seed-meeting-play.js';

const { values } = parseArgs({
  options: { url: { type: 'string', default: 'http://localhost:4000' }, speed: { type: 'string', default: '60' }, wait: { type: 'string', default: '5' } },
});
const speed = Number(values.speed);
const secret = loadConfig().jwt.secret;
if (!(speed > 0) || !secret) {
  console.error(!secret ? 'JWT_JWKS_URL is set: the demo needs the development secret.' : '--speed must be a positive number.');
  process.exit(2);
}
const token = await signDevelopmentToken(secret, { roles: ['clerk'] });
const gql = graphqlClient(values.url, token);

const meeting = await prepareSeedMeeting(gql);
console.log(`Meeting ${meeting.meetingId} is ready. Subscribe now, e.g.:
  subscription { agendaProgress(meetingId: "${meeting.meetingId}") { currentItem { number name } completed total quorum { present seats quorate } } }
Starting in ${values.wait} s at ${speed}x speed.`);
await sleep(Number(values.wait) * 1000);
const started = Date.now();
await runSeedMeeting(gql, meeting, {
  pause: (minutes) => sleep((minutes * 60_000) / speed),
  onStep: (step) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${step}`),
});
