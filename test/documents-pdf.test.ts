// PDFs print every name: minutes set in an embedded Unicode font keep the letters beyond Latin-1
// (ł, ş, ğ, č), the German quotes and dashes, as the text extracted from the PDF shows; so does a
// later PDF of the same minutes, changed, rendered in the same process.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { normalize, pdfText } from './support/documents.js';
import { localUrl } from './support/files.js';

const NAME = 'Łukasz Şahin-Čermák';
const TITLE = '„Digitale Schule“ – Sachstand — Bericht von Ayşe Doğan';

let server: TestServer;
let clerk: string;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await tokenFor(['clerk']);
  const renamed = await server.graphql(
    `mutation($personId: ID!, $name: String!) { updatePerson(personId: $personId, name: $name, givenName: "Łukasz", familyName: "Şahin-Čermák") { name } }`,
    { personId: globalIdOf('Person', seedIds.person.boesel), name: NAME },
    clerk,
  );
  expect(renamed.errors).toBeUndefined();
  const retitled = await server.graphql(`mutation($agendaItemId: ID!, $name: String!) { updateAgendaItem(agendaItemId: $agendaItemId, name: $name) { name } }`, {
    agendaItemId: globalIdOf('AgendaItem', seedIds.agendaItem['3']),
    name: TITLE,
  }, clerk);
  expect(retitled.errors).toBeUndefined();
});
afterAll(() => server?.stop());

it('the minutes PDF prints names beyond Latin-1, German quotes and dashes', async () => {
  const response = await server.graphql(
    `query($id: ID!) { node(id: $id) { ... on Meeting { minutes(format: PDF) { downloadUrl } } } }`,
    { id: globalIdOf('Meeting', seedIds.meeting2024) },
  );
  expect(response.errors).toBeUndefined();
  const text = normalize(await pdfText(await fetch(localUrl(server, response.data.node.minutes.downloadUrl))));
  expect(text).toContain(NAME);
  expect(text).toContain(`3. ${TITLE}`);
  expect(text).toContain(`Zu Punkt 3: ${TITLE}`);
});

// The renderer keeps what it learnt of the font's words from one PDF to the next (src/documents/pdf.ts):
// a later PDF, of minutes changed meanwhile, must set every word as the first did.
it('the minutes PDF after a change prints the same text but for the change', async () => {
  const download = async () => {
    const response = await server.graphql(
      `query($id: ID!) { node(id: $id) { ... on Meeting { minutes(format: PDF) { downloadUrl } } } }`,
      { id: globalIdOf('Meeting', seedIds.meeting2024) },
    );
    expect(response.errors).toBeUndefined();
    return normalize(await pdfText(await fetch(localUrl(server, response.data.node.minutes.downloadUrl))));
  };
  const before = await download();
  const changed = `${TITLE} und ${NAME}`;
  const retitled = await server.graphql(`mutation($agendaItemId: ID!, $name: String!) { updateAgendaItem(agendaItemId: $agendaItemId, name: $name) { name } }`, {
    agendaItemId: globalIdOf('AgendaItem', seedIds.agendaItem['3']),
    name: changed,
  }, clerk);
  expect(retitled.errors).toBeUndefined();
  const after = await download();
  expect(after).not.toBe(before);
  expect(after).toBe(before.replaceAll(TITLE, changed));
});
