// A Pothos plugin for the select-mode node types (./readable-node.ts): a field that reads only
// columns every load of its type brings along (the type's `select`) resolves straight from the
// row. @pothos/plugin-prisma otherwise checks, for every field of every row, which plan loaded the
// row and whether it selected the field (building the response path as a string each time); in a
// list of 50 meetings with their agenda items that check cost more than resolving the fields.
// A load of the type always carries those columns, so the check can never fail for them.
// A field that reads other columns resolves straight from the row too when the row carries them:
// a select-mode row holds a selected column (null for NULL) and lacks an unselected one, so their
// presence is the very answer the check would give; a row without them goes plugin-prisma's way
// and is loaded.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { defaultFieldResolver, type GraphQLFieldResolver } from 'graphql';

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

/** Whether `row` holds every one of `columns`; a plain loop, as it runs for every field of every row. */
function carries(row: unknown, columns: readonly string[]): boolean {
  if (typeof row !== 'object' || row === null) return false;
  for (const column of columns) if ((row as Selection)[column] === undefined) return false;
  return true;
}

export class LoadedColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const columns = this.columnsRead(fieldConfig);
    if (!columns) return fieldConfig;
    const loaded = this.buildCache.getTypeConfig(fieldConfig.parentType).extensions?.pothosPrismaSelect as Selection | undefined;
    if (!columns.every((column) => loaded?.[column] === true)) return fieldConfig;
    return { ...fieldConfig, extensions: { ...fieldConfig.extensions, pothosPrismaSelect: undefined } };
  }

  // Wraps plugin-prisma's resolver (this plugin comes before it, builder.ts), and no plugin after
  // prisma wraps the fields of a Prisma object but for ids, which every load brings along: the
  // field's own resolver is what plugin-prisma would call once it found the columns loaded.
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>) {
    const columns = this.columnsRead(fieldConfig);
    if (!columns) return resolver;
    const resolveFromRow = (fieldConfig.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Types['Context'], object>;
    return (parent: unknown, args: object, context: Types['Context'], info: Parameters<typeof resolver>[3]) =>
      carries(parent, columns) ? resolveFromRow(parent, args, context, info) : resolver(parent, args, context, info);
  }

  /** The columns a field of a Prisma object reads, if it reads columns of its row only (no relation). */
  private columnsRead(fieldConfig: PothosOutputFieldConfig<Types>): string[] | undefined {
    const selection: unknown = fieldConfig.extensions?.pothosPrismaSelect;
    if (fieldConfig.kind !== 'PrismaObject' || !isColumnSelection(selection)) return undefined;
    const fieldMap = this.buildCache.getTypeConfig(fieldConfig.parentType).extensions?.pothosPrismaFieldMap as { relations: Map<string, unknown> } | undefined;
    const columns = Object.keys(selection);
    return columns.some((column) => fieldMap?.relations.has(column)) ? undefined : columns;
  }
}

SchemaBuilder.registerPlugin(pluginName, LoadedColumnsPlugin);

export default pluginName;
