// Conformance with the GraphQL over HTTP specification, checked by the audit suite of
// graphql-http against the started server: every MUST holds (else `error`) and every SHOULD
// (else `warn`); a MAY that the server does otherwise is only a `notice`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ production: true });
});
afterAll(() => server?.stop());

describe('GraphQL over HTTP audit (graphql-http)', () => {
  for (const audit of serverAudits({ url: () => `${server.url}/graphql` })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      const failed = result.status === 'error' || result.status === 'warn';
      expect(failed ? `${result.status}: ${result.reason}` : 'ok').toBe('ok');
    });
  }
});
