// Agenda numbers follow the agenda's shape: top-level items 1, 2, 3 …, their children 6.1, 6.2 …,
// and `order` runs over the whole agenda depth-first. After every edit the whole agenda is
// renumbered from that shape, so numbers and order can never disagree.

export interface AgendaEntry {
  id: string;
  parentId: string | null;
}

export interface Numbered {
  id: string;
  number: string;
  order: number;
}

/** `entries` in agenda order (siblings in their order); returns number and order for each. */
export function numberAgenda(entries: readonly AgendaEntry[]): Numbered[] {
  const children = new Map<string | null, AgendaEntry[]>();
  for (const entry of entries) {
    const parent = entries.some((candidate) => candidate.id === entry.parentId) ? entry.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), entry]);
  }
  const result: Numbered[] = [];
  const walk = (parentId: string | null, prefix: string) => {
    (children.get(parentId) ?? []).forEach((entry, index) => {
      const number = `${prefix}${index + 1}`;
      result.push({ id: entry.id, number, order: result.length + 1 });
      walk(entry.id, `${number}.`);
    });
  };
  walk(null, '');
  return result;
}

/** Parses "6.2" into the parent's number ("6") and the 1-based position (2). */
export function parseNumber(number: string): { parentNumber: string | null; position: number } | undefined {
  const match = /^(\d+(?:\.\d+)*?)(?:\.(\d+))?$/.exec(number.trim().replace(/\.$/, ''));
  if (!match?.[1]) return undefined;
  return match[2]
    ? { parentNumber: match[1], position: Number(match[2]) }
    : { parentNumber: null, position: Number(match[1]) };
}
