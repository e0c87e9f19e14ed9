// Builder configuration only; each domain type lives in its own module next to this one.
import SchemaBuilder from '@pothos/core';
import { isObjectType, type GraphQLResolveInfo } from 'graphql';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { mayReadNode } from '../access/node-visibility.js';
import { badInput, notFound } from '../errors.js';
import type { Context } from './context.js';

export const MAX_PAGE_SIZE = 100;

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    /** A file of a GraphQL multipart request (src/schema/file-upload.ts). */
    Upload: { Input: File; Output: never };
  };
  Connection: { totalCount: number | (() => number | Promise<number>) };
}>({
  plugins: [PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    // `first` above the maximum is refused earlier (src/server/page-size.ts); this is the backstop.
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: 20,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A malformed ID is the client's mistake, not a server error.
    decodeGlobalID: (globalID: string) => {
      const decoded = Buffer.from(globalID, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon <= 0 || colon === decoded.length - 1 || Buffer.from(decoded).toString('base64') !== globalID) {
        throw badInput(`"${globalID}" is not a valid ID.`);
      }
      return { typename: decoded.slice(0, colon), id: decoded.slice(colon + 1) };
    },
    // node/nodes answer NOT_FOUND for unknown, deleted and hidden records alike, so that the
    // existence of a non-public record is not revealed.
    nodeQueryOptions: {
      resolve: async (_root, { id }, ctx, info, resolveNode) => loadNode(ctx, info, id, async (one) => resolveNode(one)),
    },
    nodesQueryOptions: {
      // Each ID on its own, so that one unknown or hidden ID does not cost the others.
      resolve: (_root, { ids }, ctx, info) => ids.map((id) => loadNode(ctx, info, id, (one) => resolveOne(ctx, info, one))),
    },
    encodeGlobalID: (typename: string, id: string | number | bigint) =>
      Buffer.from(`${typename}:${id}`).toString('base64'),
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

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
  const node = known ? await resolveNode(id).catch(() => null) : null;
  if (!node || !(await mayReadNode(ctx.prisma, ctx.viewer, id.typename, id.id))) throw notFound('Object');
  return node;
}
