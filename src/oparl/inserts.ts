// The new rows of an import transaction, written with one INSERT per table when the transaction
// ends, instead of one upsert per object. Tables are written parents first, so that every foreign
// key finds its row; ids are made here, so references resolve before the insert.
// The rows go as one JSON parameter that PostgreSQL reads into the table's row type
// (jsonb_populate_recordset): Prisma's createMany spent more CPU on a page's rows than the
// database did on inserting them.
import type { Tx } from './records.js';

const tableOrder = [
  'body', 'location', 'legislativeTerm', 'organization', 'person', 'membership', 'meeting', 'meetingOrganization', 'attendance',
  'agendaItem', 'paper', 'paperOriginatorPerson', 'paperOriginatorOrganization', 'consultation', 'consultationOrganization', 'file',
] as const;
export type InsertTable = (typeof tableOrder)[number];

const tableName = (table: InsertTable) => `"${table.charAt(0).toUpperCase()}${table.slice(1)}"`;

/** The tables an import writes, as PostgreSQL names them. */
export const importTables = tableOrder.map(tableName);

/** Link tables: a value listed twice (the same person twice in the attendance) is one row. */
const linkTables = new Set<InsertTable>(['meetingOrganization', 'attendance', 'paperOriginatorPerson', 'paperOriginatorOrganization', 'consultationOrganization']);

/** Column names are the mappings' own keys (./records.ts), never the source's: checked all the same. */
const COLUMN = /^[A-Za-z][A-Za-z0-9]*$/;

export class Inserts {
  private readonly rows = new Map<InsertTable, Record<string, unknown>[]>();

  add(table: InsertTable, rows: Record<string, unknown>[]) {
    if (rows.length) this.rows.set(table, [...(this.rows.get(table) ?? []), ...rows]);
  }

  /** Writes what was added; called at the end of the transaction and before any other write that may refer to it. */
  async flush(tx: Tx) {
    for (const table of tableOrder) {
      const rows = this.rows.get(table);
      if (!rows) continue;
      this.rows.delete(table);
      const name = tableName(table);
      const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      const invalid = keys.find((key) => !COLUMN.test(key));
      if (invalid) throw new Error(`Not a column name: ${invalid}`);
      // A column a row leaves out is null in that row, as createMany had it for nullable columns.
      const columns = keys.map((key) => `"${key}"`).join(', ');
      await tx.$executeRawUnsafe(
        `INSERT INTO ${name} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb)${linkTables.has(table) ? ' ON CONFLICT DO NOTHING' : ''}`,
        JSON.stringify(rows),
      );
    }
  }
}
