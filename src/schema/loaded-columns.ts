// A Pothos plugin for the select-mode node types (./readable-node.ts): a field that reads only
// columns every load of its type brings along (the type's `select`) resolves straight from the
// row. @pothos/plugin-prisma otherwise checks, for every field of every row, which plan loaded the
// row and whether it selected the field (building the response path as a string each time); in a
// list of 50 meetings with their agenda items that check cost more than resolving the fields.
// A load of the type always carries those columns, so the check can never fail for them.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';

const pluginName = 'loadedColumns';

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      loadedColumns: LoadedColumnsPlugin<Types>;
    }
  }
}

type Selection = Record<string, unknown>;

/** `{ column: true, … }`: columns only, no relation, no arguments. */
const isColumnSelection = (selection: unknown): selection is Selection =>
  typeof selection === 'object' && selection !== null && Object.values(selection).every((value) => value === true);

export class LoadedColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const selection: unknown = fieldConfig.extensions?.pothosPrismaSelect;
    if (fieldConfig.kind !== 'PrismaObject' || !isColumnSelection(selection)) return fieldConfig;
    const typeExtensions = this.buildCache.getTypeConfig(fieldConfig.parentType).extensions;
    const loaded = typeExtensions?.pothosPrismaSelect as Selection | undefined;
    const relations = (typeExtensions?.pothosPrismaFieldMap as { relations: Map<string, unknown> } | undefined)?.relations;
    const alwaysLoaded = (column: string) => loaded?.[column] === true && !relations?.has(column);
    if (!Object.keys(selection).every(alwaysLoaded)) return fieldConfig;
    return { ...fieldConfig, extensions: { ...fieldConfig.extensions, pothosPrismaSelect: undefined } };
  }
}

SchemaBuilder.registerPlugin(pluginName, LoadedColumnsPlugin);

export default pluginName;
