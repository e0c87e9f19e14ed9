// Structural edits of an agenda (add, move, remove) inside the caller's transaction,
// each followed by renumbering the whole agenda (see ./numbering.ts).
import type { Prisma } from '../generated/prisma/client.js';
import { badInput, notFound } from '../errors.js';
import { numberAgenda, parseNumber } from './numbering.js';

type Tx = Prisma.TransactionClient;

interface Item {
  id: string;
  parentId: string | null;
  number: string | null;
  public: boolean;
}

/** The meeting of an agenda item: whose agenda an edit renumbers, whose row a live change locks. */
export async function meetingOfItem(tx: Tx, agendaItemId: string): Promise<string> {
  const item = await tx.agendaItem.findFirst({ where: { id: agendaItemId, deleted: false }, select: { meetingId: true } });
  if (!item) throw notFound('Agenda item');
  return item.meetingId;
}

async function agendaOf(tx: Tx, meetingId: string): Promise<Item[]> {
  return tx.agendaItem.findMany({
    where: { meetingId, deleted: false },
    orderBy: [{ order: 'asc' }, { created: 'asc' }],
    select: { id: true, parentId: true, number: true, public: true },
  });
}

async function writeNumbers(tx: Tx, items: Item[]) {
  for (const { id, number, order } of numberAgenda(items)) {
    await tx.agendaItem.update({ where: { id }, data: { number, order } });
  }
}

/**
 * Where a new or moved item goes: at `number` ("6.2") when given; else under `parentId`
 * (or at top level) at `position`, by default last — and a public top-level item by default
 * before the non-public part, as the agenda is split into both parts in this order.
 */
export interface Placement {
  number?: string | null;
  parentId?: string | null;
  position?: number | null;
  public: boolean;
}

function place(items: Item[], moving: Item, placement: Placement): Item[] {
  // An omitted parent keeps the item where it is (under its parent, or at top level).
  let parentId = placement.parentId === undefined ? moving.parentId : placement.parentId;
  let position = placement.position ?? null;
  if (placement.number) {
    const parsed = parseNumber(placement.number);
    if (!parsed || parsed.position < 1) throw badInput(`"${placement.number}" is not an agenda number like 6 or 6.1.`, 'number');
    const parent = parsed.parentNumber ? items.find((item) => item.number === parsed.parentNumber) : null;
    if (parent === undefined) throw badInput(`There is no agenda item ${parsed.parentNumber} to put ${placement.number} under.`, 'number');
    if (placement.parentId !== undefined && placement.parentId !== null && placement.parentId !== parent?.id) {
      throw badInput('number and parentId contradict each other.', 'number');
    }
    parentId = parent?.id ?? null;
    position = parsed.position;
  }
  if (parentId === moving.id || isDescendant(items, parentId, moving.id)) {
    throw badInput('An agenda item cannot be placed under itself.', 'parentId');
  }
  if (parentId && !items.some((item) => item.id === parentId)) throw notFound('Parent agenda item');
  const rest = items.filter((item) => item.id !== moving.id);
  const siblings = rest.filter((item) => item.parentId === parentId);
  if (position !== null && (position < 1 || position > siblings.length + 1)) {
    throw badInput(`position must be between 1 and ${siblings.length + 1}.`, 'position');
  }
  const defaultIndex =
    parentId === null && placement.public && siblings.some((item) => !item.public)
      ? siblings.findIndex((item) => !item.public)
      : siblings.length;
  const index = position === null ? defaultIndex : position - 1;
  const moved = { ...moving, parentId };
  // Insert before the sibling now at `index`, or after the last sibling's subtree.
  const anchor = siblings[index];
  const last = siblings.at(-1);
  const at = anchor
    ? rest.indexOf(anchor)
    : last
      ? lastIndexOfSubtree(rest, last.id) + 1
      : parentId
        ? lastIndexOfSubtree(rest, parentId) + 1
        : rest.length;
  return [...rest.slice(0, at), moved, ...rest.slice(at)];
}

function isDescendant(items: Item[], candidateId: string | null, ancestorId: string): boolean {
  let current = items.find((item) => item.id === candidateId);
  while (current) {
    if (current.parentId === ancestorId) return true;
    current = items.find((item) => item.id === current!.parentId);
  }
  return false;
}

function lastIndexOfSubtree(items: Item[], rootId: string): number {
  let last = items.findIndex((item) => item.id === rootId);
  items.forEach((item, index) => {
    if (index > last && isDescendant(items, item.id, rootId)) last = index;
  });
  return last;
}

/** Creates an item at its place and renumbers; returns the new item's id. */
export async function insertAgendaItem(
  tx: Tx,
  meetingId: string,
  data: Omit<Prisma.AgendaItemUncheckedCreateInput, 'meetingId' | 'order' | 'number' | 'parentId'>,
  placement: Placement,
): Promise<string> {
  const items = await agendaOf(tx, meetingId);
  const created = await tx.agendaItem.create({
    data: { ...data, meetingId, order: items.length + 1, public: placement.public },
    select: { id: true },
  });
  const placed = place(items, { id: created.id, parentId: null, number: null, public: placement.public }, placement);
  await tx.agendaItem.update({ where: { id: created.id }, data: { parentId: placed.find((i) => i.id === created.id)!.parentId } });
  await writeNumbers(tx, placed);
  return created.id;
}

export async function moveAgendaItem(tx: Tx, meetingId: string, itemId: string, placement: Omit<Placement, 'public'>) {
  const items = await agendaOf(tx, meetingId);
  const moving = items.find((item) => item.id === itemId);
  if (!moving) throw notFound('Agenda item');
  const placed = place(items, moving, { ...placement, public: moving.public });
  await tx.agendaItem.update({ where: { id: itemId }, data: { parentId: placed.find((i) => i.id === itemId)!.parentId } });
  await writeNumbers(tx, placed);
}

/** Soft-deletes the item with its sub-items and closes the gap in the numbering. */
export async function removeAgendaItem(tx: Tx, meetingId: string, itemId: string) {
  const items = await agendaOf(tx, meetingId);
  const removed = items.filter((item) => item.id === itemId || isDescendant(items, item.id, itemId));
  if (!removed.length) throw notFound('Agenda item');
  await tx.agendaItem.updateMany({ where: { id: { in: removed.map((item) => item.id) } }, data: { deleted: true } });
  await writeNumbers(tx, items.filter((item) => !removed.includes(item)));
}
