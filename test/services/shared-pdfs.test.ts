// PDFs behind a load balancer: two instances on one PostgreSQL and one Redis render a document
// once; the other instance serves that very rendering (byte for byte, with its creation date)
// instead of rendering it again. Each audience still gets its own document only: the public
// never the members' minutes, whichever instance rendered them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { tokenFor } from '../support/server.js';
import { startInstancePair, type ApiProcess } from '../support/processes.js';
import { pdfText } from '../support/documents.js';
import { seedIds } from '../../src/seed/ids.js';
import { globalIdOf } from '../../src/global-id.js';

const SECRET = 'Leihgerätepauschale Tabletversicherung';
let a: ApiProcess;
let b: ApiProcess;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ a, b, stop } = await startInstancePair());
});

afterAll(() => stop?.());

const minutesPdf = (instance: ApiProcess, token?: string) =>
  fetch(`${instance.url}/meetings/${encodeURIComponent(globalIdOf('Meeting', seedIds.meeting2024))}/minutes.pdf`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

it('serves a PDF rendered by one instance from the other, to the same audience only', async () => {
  const clerk = await tokenFor(['clerk']);
  const updated = await (
    await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
      body: JSON.stringify({
        query: `mutation($id: ID!, $text: String!) { updateAgendaItem(agendaItemId: $id, protocolText: $text) { id } }`,
        variables: { id: globalIdOf('AgendaItem', seedIds.agendaItem['8']), text: SECRET },
      }),
    })
  ).json();
  expect(updated.errors).toBeUndefined();

  const forClerk = await minutesPdf(a, clerk);
  expect(forClerk.status).toBe(200);
  const rendered = await bytes(forClerk);
  // A rendering of its own on the other instance would carry a later creation date (whole seconds).
  await sleep(1100);
  const fromB = await minutesPdf(b, clerk);
  expect(fromB.headers.get('etag')).toBe(forClerk.headers.get('etag'));
  expect((await bytes(fromB)).equals(rendered)).toBe(true);

  // The public, on the instance that holds the clerk's rendering: the public minutes.
  const forPublic = await minutesPdf(b);
  expect(forPublic.status).toBe(200);
  expect(forPublic.headers.get('etag')).not.toBe(forClerk.headers.get('etag'));
  const publicPdf = await bytes(forPublic);
  expect(publicPdf.equals(rendered)).toBe(false);
  expect(await pdfText(new Response(publicPdf))).not.toContain('Tabletversicherung');
  expect(await pdfText(new Response(rendered))).toContain('Tabletversicherung');
});
