// Production sign-in: tokens of an OpenID Connect provider, verified through its JWKS URL.
// The provider here is a local HTTP server publishing a freshly generated RSA key.
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedIds } from '../../src/seed/ids.js';
import { globalIdOf } from '../../src/global-id.js';
import { startTestServer, tokenFor, type TestServer } from '../support/server.js';

const issuer = 'https://login.kreis-mettmann.example';
const audience = 'council-api';
let provider: Server;
let server: TestServer;
let privateKey: CryptoKey;

beforeAll(async () => {
  const keys = await generateKeyPair('RS256');
  privateKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  provider = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  const address = provider.address() as { port: number };
  server = await startTestServer({ jwt: { jwksUrl: `http://127.0.0.1:${address.port}/jwks`, issuer, audience } });
});
afterAll(async () => {
  await server?.stop();
  provider?.close();
});

const providerToken = (claims: { aud?: string; roles: string[] }) =>
  new SignJWT({ roles: claims.roles })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .setSubject(globalIdOf('Person', seedIds.person.weiss))
    .setIssuer(issuer)
    .setAudience(claims.aud ?? audience)
    .setExpirationTime('5m')
    .sign(privateKey);

it("accepts the provider's token and takes person and roles from it", async () => {
  const { data, errors } = await server.graphql(`{ viewer { roles person { name } } }`, {}, await providerToken({ roles: ['member'] }));
  expect(errors).toBeUndefined();
  expect(data.viewer).toEqual({ roles: ['MEMBER'], person: { name: 'Dietmar Weiß' } });
});

it('refuses a token for another audience, and development tokens, with UNAUTHENTICATED', async () => {
  const otherAudience = await server.graphql(`{ viewer { roles } }`, {}, await providerToken({ aud: 'other-app', roles: ['clerk'] }));
  expect(otherAudience.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const development = await server.graphql(`{ viewer { roles } }`, {}, await tokenFor(['clerk']));
  expect(development.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
