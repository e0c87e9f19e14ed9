// Builder configuration only; each domain type lives in its own module next to this one.
import SchemaBuilder from '@pothos/core';
import { isObjectType, type GraphQLResolveInfo } from 'graphql';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import ComplexityPlugin from '@pothos/plugin-complexity';
import LoadedColumnsPlugin from './loaded-columns.js';
import SyncGlobalIdsPlugin from './sync-global-ids.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { isStaff } from '../access/viewer.js';
import { forbidden, notFound, unauthenticated } from '../errors.js';
import { decodeGlobalId, globalIdOf, isUuid, malformedId } from '../global-id.js';
import type { Context } from './context.js';
import { fieldCost } from './cost.js';
import { nodeLoadingClient } from './node-loads.js';

export const MAX_PAGE_SIZE = 100;

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    /** A file of a GraphQL multipart request (src/schema/file-upload.ts). */
    Upload: { Input: File; Output: never };
  };
  Connection: { totalCount: number | (() => number | Promise<number>) };
  AuthScopes: {
    /** Clerks and admins: they write the archive and run meetings. */
    staff: boolean;
    /** A signed-in person (a display token names none). */
    person: boolean;
  };
}>({
  // scope-auth first, so that a refused write runs none of the other plugins' resolver wrappers;
  // loaded-columns before prisma, so that it sees the fields as prisma configured them;
  // sync-global-ids last, so that it replaces relay's own resolver of the ids and nothing else.
  plugins: [ScopeAuthPlugin, LoadedColumnsPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin, SyncGlobalIdsPlugin],
  scopeAuth: {
    authScopes: ({ viewer }) => ({ staff: isStaff(viewer), person: viewer.personId !== undefined }),
    unauthorizedError: (_parent, { viewer }) =>
      viewer.signedIn ? forbidden('You are not allowed to do this.') : unauthenticated('Sign in to do this.'),
  },
  defaultFieldNullability: false,
  // Costs only; the limit is checked before execution by src/server/cost-limit.ts.
  complexity: { fieldComplexity: fieldCost },
  prisma: {
    client: (ctx) => nodeLoadingClient(ctx.prisma),
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    // `first` above the maximum is refused earlier (src/server/argument-checks.ts); this is the backstop.
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: 20,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Descriptions of what the plugin generates: Node, PageInfo, connections and their arguments.
    nodeTypeOptions: { description: 'A record with a global ID, readable with node(id:).' },
    idFieldOptions: { description: 'Global ID; pass it to node(id:) and to <type>Id arguments.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection lies in the whole list.' },
    hasNextPageFieldOptions: { description: 'More items follow after endCursor.' },
    hasPreviousPageFieldOptions: { description: 'More items come before startCursor.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page; null for an empty page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; null for an empty page.' },
    firstArgOptions: { description: `Page size counted from the start or from after (0–${MAX_PAGE_SIZE}; default 20).` },
    lastArgOptions: { description: `Page size counted from the end or from before (0–${MAX_PAGE_SIZE}).` },
    afterArgOptions: { description: 'Items after this cursor (from an edge or pageInfo.endCursor).' },
    beforeArgOptions: { description: 'Items before this cursor (from an edge or pageInfo.startCursor).' },
    defaultConnectionTypeOptions: { description: 'One page of a list (Relay connection), in the order the field states.' },
    defaultEdgeTypeOptions: { description: 'One item of a page with its cursor.' },
    pageInfoFieldOptions: { description: 'Where this page lies in the whole list.' },
    edgesFieldOptions: { description: 'The items of this page with their cursors.' },
    cursorFieldOptions: { description: 'Cursor of this item, for after/before.' },
    nodeFieldOptions: { description: 'The item.' },
    // A malformed ID is the client's mistake, not a server error; it is refused by loadNode, so
    // that in `nodes` it costs only its own element.
    decodeGlobalID: (globalID: string) => decodeGlobalId(globalID) ?? { typename: MALFORMED, id: globalID },
    // node/nodes answer NOT_FOUND for unknown, deleted and hidden records alike, so that the
    // existence of a non-public record is not revealed: every node type loads through its
    // readable filter (src/schema/readable-node.ts) and finds nothing else.
    nodeQueryOptions: {
      description: 'Any record by its global ID. NOT_FOUND for unknown, deleted and hidden records alike.',
      args: { id: { description: 'Global ID of the record.' } },
      resolve: async (_root, { id }, ctx, info, resolveNode) => loadNode(ctx, info, id, async (one) => resolveNode(one)),
    },
    nodesQueryOptions: {
      description: 'Several records by their global IDs, in the same order; an unknown, deleted or hidden one is null with a NOT_FOUND error at its index.',
      args: { ids: { description: 'Global IDs of the records.' } },
      // Each ID on its own, so that one unknown or hidden ID does not cost the others.
      resolve: (_root, { ids }, ctx, info) => ids.map((id) => loadNode(ctx, info, id, (one) => resolveOne(ctx, info, one))),
    },
    encodeGlobalID: (typename: string, id: string | number | bigint) =>
      Buffer.from(`${typename}:${id}`).toString('base64'),
  },
});

/** The typename loadNode is given for an ID that is not one. */
const MALFORMED = '';

builder.queryType({ description: 'Reading the archive. Anonymous readers see public content; tokens widen what is visible (see Viewer).' });
// Writes are denied by default: every mutation is for clerks and admins unless it says otherwise
// (`skipTypeScopes` with its own `authScopes`), as `castBallot` and the speakers' list do for members.
builder.mutationType({
  description: 'Writing the archive and running live meetings: clerks and admins, except castBallot, requestToSpeak, withdrawSpeechRequest and the calendar link of the signed-in person (createCalendarToken, revokeCalendarToken). Each field lists the error codes it can raise.',
  authScopes: { staff: true },
});
builder.subscriptionType({
  description: 'Live meetings over graphql-ws or SSE on /graphql. Each subscriber receives only what it may see; a subscription whose token expires ends with UNAUTHENTICATED.',
});

function resolveOne(ctx: Context, info: GraphQLResolveInfo, id: { id: string; typename: string }): Promise<unknown> {
  return resolveNodes(builder as never, ctx, info, [id]).then(([node]) => node);
}

async function loadNode<T>(
  ctx: Context,
  info: GraphQLResolveInfo,
  id: { id: string; typename: string },
  resolveNode: (id: { id: string; typename: string }) => Promise<T>,
): Promise<T> {
  const type = info.schema.getType(id.typename);
  const known = isObjectType(type) && type.getInterfaces().some((node) => node.name === 'Node');
  if (id.typename === MALFORMED || (known && !isUuid(id.id))) {
    throw malformedId(id.typename === MALFORMED ? id.id : globalIdOf(id.typename, id.id), info.fieldName === 'nodes' ? 'ids' : 'id');
  }
  // A database error is an error, never NOT_FOUND.
  const node = known ? await resolveNode(id) : null;
  if (!node) throw notFound('Object');
  return node;
}
