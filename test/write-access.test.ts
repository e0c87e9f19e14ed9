// Writes are denied by default: every mutation of the schema, read from introspection, refuses
// anonymous callers with UNAUTHENTICATED and plain members with FORBIDDEN, unless it is one of the
// listed exceptions. A new mutation is covered without editing this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type IntrospectionQuery,
} from 'graphql';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { startTestServer, tokenFor, type GraphQLResponse, type TestServer } from './support/server.js';
import { at } from './support/indexing.js';

/** Mutations a signed-in person without a clerk's role may call. */
const MEMBER_MUTATIONS = new Set(['castBallot', 'requestToSpeak', 'withdrawSpeechRequest', 'createCalendarToken', 'revokeCalendarToken']);

let server: TestServer;
let mutations: GraphQLField<unknown, unknown>[];
let member: string;
let clerk: string;
beforeAll(async () => {
  server = await startTestServer();
  const introspection = await server.graphql<IntrospectionQuery>(getIntrospectionQuery());
  mutations = Object.values(buildClientSchema(introspection.data!).getMutationType()!.getFields());
  member = await tokenFor(['member'], seedIds.person.weiss);
  clerk = await tokenFor(['clerk'], seedIds.person.weiss);
});
afterAll(() => server?.stop());

const UNKNOWN_ID = globalIdOf('Meeting', '00000000-0000-4000-8000-000000000000');

/** A value that passes coercion, so that only the authorization can refuse the call. */
function sample(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType)];
  if (isEnumType(inner)) return at(inner.getValues(), 0).value;
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).filter((field) => isNonNullType(field.type));
    return Object.fromEntries(fields.map((field) => [field.name, sample(field.type)]));
  }
  const scalars: Record<string, unknown> = {
    ID: UNKNOWN_ID,
    String: 'x',
    Int: 1,
    Float: 1,
    Boolean: true,
    Date: '2024-01-01',
    DateTime: '2024-01-01T00:00:00Z',
    Upload: null,
  };
  if (!(inner.name in scalars)) throw new Error(`No sample for scalar ${inner.name}`);
  return scalars[inner.name];
}

/** Calls the mutation with every required argument; Upload arguments go as GraphQL multipart. */
async function call(field: GraphQLField<unknown, unknown>, token?: string): Promise<GraphQLResponse<unknown>> {
  const args = field.args.filter((arg) => isNonNullType(arg.type));
  const definitions = args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
  const uses = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
  const query = `mutation${definitions ? `(${definitions})` : ''} { ${field.name}${uses ? `(${uses})` : ''} ${selection} }`;
  const variables = Object.fromEntries(args.map((arg) => [arg.name, sample(arg.type)]));
  const uploads = args.filter((arg) => getNamedType(arg.type).name === 'Upload');
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (!uploads.length) return server.graphql(query, variables, token);
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables }));
  form.append('map', JSON.stringify(Object.fromEntries(uploads.map((arg, index) => [index, [`variables.${arg.name}`]]))));
  uploads.forEach((_arg, index) => form.append(String(index), new Blob(['text']), 'a.txt'));
  return (await fetch(`${server.url}/graphql`, { method: 'POST', body: form, headers: authorization })).json();
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;

describe('writes are denied by default', () => {
  it('finds the mutations and the exceptions in the schema', () => {
    const names = mutations.map((field) => field.name);
    expect(names.length).toBeGreaterThan(30);
    for (const name of MEMBER_MUTATIONS) expect(names).toContain(name);
  });

  it('refuses every mutation to anonymous callers with UNAUTHENTICATED', async () => {
    const answers: Record<string, unknown> = {};
    for (const field of mutations) answers[field.name] = codeOf(await call(field));
    expect(answers).toEqual(Object.fromEntries(mutations.map((field) => [field.name, 'UNAUTHENTICATED'])));
  });

  it('refuses every mutation but the exceptions to plain members with FORBIDDEN', async () => {
    const answers: Record<string, unknown> = {};
    for (const field of mutations) answers[field.name] = codeOf(await call(field, member));
    for (const [name, code] of Object.entries(answers)) {
      if (MEMBER_MUTATIONS.has(name)) expect([name, code]).not.toEqual([name, expect.stringMatching(/^(UNAUTHENTICATED|FORBIDDEN)$/)]);
      else expect([name, code]).toEqual([name, 'FORBIDDEN']);
    }
  });

  it('lets clerks past the authorization of every mutation (the refusals above are not the sample arguments)', async () => {
    for (const field of mutations) {
      const code = codeOf(await call(field, clerk));
      expect([field.name, code]).not.toEqual([field.name, expect.stringMatching(/^(UNAUTHENTICATED|FORBIDDEN|GRAPHQL_VALIDATION_FAILED)$/)]);
    }
  });
});
