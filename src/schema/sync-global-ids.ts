// A Pothos plugin: the `id` of every Node type resolves synchronously. @pothos/plugin-relay
// resolves it in an `async` function although the row's id is at hand, so every object with an
// `id` became a promise graphql-js had to wait for (and every list of them a Promise.all), on every
// row of every read. Here the node's own id resolver (the row's column) is encoded at once, with
// the same encodeGlobalID; an id that is itself a promise goes the plugin's way as before.
import SchemaBuilder, { BasePlugin, isThenable, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';

const pluginName = 'syncGlobalIds';

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      syncGlobalIds: SyncGlobalIdsPlugin<Types>;
    }
  }
}

/** What plugin-relay keeps of a node's `id` option (utils/add-node-props.js). */
interface NodeOptions {
  id?: { resolve?: GraphQLFieldResolver<unknown, object> };
}

export class SyncGlobalIdsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>) {
    const relay = this.builder.options.relay;
    if (fieldConfig.name !== (relay?.idFieldName ?? 'id') || fieldConfig.kind !== 'Object') return resolver;
    const type = this.buildCache.getTypeConfig(fieldConfig.parentType);
    const resolveId = (type.pothosOptions as NodeOptions).id?.resolve;
    if (type.kind !== 'Object' || !(type.interfaces as unknown[]).includes(this.builder.nodeInterfaceRef()) || !resolveId) return resolver;
    const encode = relay?.encodeGlobalID ?? encodeGlobalID;
    return (parent: unknown, args: object, context: Types['Context'], info: GraphQLResolveInfo) => {
      const id = resolveId(parent, args, context, info) as unknown;
      return isThenable(id) || id == null ? resolver(parent, args, context, info) : encode(type.name, String(id), context);
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, SyncGlobalIdsPlugin);

export default pluginName;
