// Optional OpenTelemetry tracing: with an OTLP endpoint configured, each GraphQL operation is
// exported as a span with its name, type and error codes (flushed on SIGTERM); never its variables,
// the bearer token or the document's literals. Without an endpoint, nothing is exported.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tokenFor } from '../support/server.js';
import { freePort, startApi } from '../support/processes.js';

/** An OTLP/HTTP receiver that keeps the raw JSON bodies posted to /v1/traces. */
async function startReceiver(port: number) {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') bodies.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve));
  return { port, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Attribute = { key: string; value: { stringValue?: string; arrayValue?: { values: { stringValue: string }[] } } };
type Export = { resourceSpans: { resource: { attributes: Attribute[] }; scopeSpans: { spans: { name: string; attributes: Attribute[]; status: { code?: number } }[] }[] }[] };

const valueOf = (attributes: Attribute[], key: string) => {
  const value = attributes.find((attribute) => attribute.key === key)?.value;
  return value?.arrayValue ? value.arrayValue.values.map((one) => one.stringValue) : value?.stringValue;
};

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const marker = 'Vertraulich-Variable-Q-8152';
const literal = 'Vertraulich-Literal-L-2718';
const lookup = { query: `query Lookup($id: ID!) { node(id: $id) { id } again: node(id: "${literal}") { id } }`, operationName: 'Lookup', variables: { id: marker } };

async function sendLookup(url: string, token: string) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(lookup) });
  expect((await response.json()).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
}

describe('OpenTelemetry tracing', () => {
  it('exports a span per operation with its name, type and error codes, and nothing of what the request carried', async () => {
    const receiver = await startReceiver(await freePort());
    const token = await tokenFor(['clerk']);
    // A schedule delay far beyond the test: the spans arrive only through the flush on SIGTERM.
    const api = await startApi({
      DATABASE_URL: database.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
      OTEL_SERVICE_NAME: 'council-api-test',
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    try {
      await sendLookup(api.url, token);
    } finally {
      await api.stop();
      await receiver.close();
    }
    const exports = receiver.bodies.map((body) => JSON.parse(body) as Export);
    const spans = exports.flatMap((one) => one.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ ...span, resource: resource.resource })))));
    const span = spans.find((one) => valueOf(one.attributes, 'graphql.operation.name') === 'Lookup');
    expect(span, `spans: ${JSON.stringify(spans.map((one) => one.name))}`).toBeDefined();
    expect(span!.name).toBe('query Lookup');
    expect(valueOf(span!.attributes, 'graphql.operation.type')).toBe('query');
    expect(valueOf(span!.attributes, 'graphql.error.codes')).toEqual(['BAD_USER_INPUT']);
    expect(span!.status.code).toBe(2);
    expect(valueOf(span!.resource.attributes, 'service.name')).toBe('council-api-test');
    const payload = receiver.bodies.join('\n');
    expect(payload).not.toContain(marker);
    expect(payload).not.toContain(literal);
    expect(payload).not.toContain(token);
  });

  it('exports nothing without an endpoint, not even to the default OTLP port', async () => {
    // 4318 is where an exporter without a configured endpoint would send.
    const receiver = await startReceiver(4318);
    const api = await startApi({ DATABASE_URL: database.url, OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '' });
    try {
      await sendLookup(api.url, await tokenFor(['clerk']));
    } finally {
      // Stopped: had tracing been on, the shutdown would have flushed its spans by now.
      await api.stop();
      await receiver.close();
    }
    expect(receiver.bodies).toEqual([]);
  });
});
