// The new rows of an import transaction, written with one INSERT per table (createMany) when the
// transaction ends, instead of one upsert per object. Tables are written parents first, so that
// every foreign key finds its row; ids are made here, so references resolve before the insert.
import type { Tx } from './records.js';

const tableOrder = [
  'body', 'location', 'legislativeTerm', 'organization', 'person', 'membership', 'meeting', 'meetingOrganization', 'attendance',
  'agendaItem', 'paper', 'paperOriginatorPerson', 'paperOriginatorOrganization', 'consultation', 'consultationOrganization', 'file',
] as const;
export type InsertTable = (typeof tableOrder)[number];

/** Link tables: a value listed twice (the same person twice in the attendance) is one row. */
const linkTables = new Set<InsertTable>(['meetingOrganization', 'attendance', 'paperOriginatorPerson', 'paperOriginatorOrganization', 'consultationOrganization']);

interface CreateMany {
  createMany(args: { data: Record<string, unknown>[]; skipDuplicates: boolean }): Promise<unknown>;
}

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
      await (tx[table] as unknown as CreateMany).createMany({ data: rows, skipDuplicates: linkTables.has(table) });
    }
  }
}
