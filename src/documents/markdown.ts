// Renders a Document as CommonMark (tables as GitHub-flavoured pipe tables).
import type { Block, Document, ListItem } from './document.js';

/** Escapes characters that Markdown would read as markup. */
const escape = (text: string) => text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);

/** Block text: "5. Haushalt" or "- x" at the start of a line would start a list; "\n" is a hard break. */
function inline(text: string): string {
  return text
    .split('\n')
    .map((line) => escape(line).replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+])(\s)/, '\\$1$2'))
    .join('\\\n');
}

function list(items: ListItem[], depth: number): string[] {
  return items.flatMap((item) => [`${'  '.repeat(depth)}- ${inline(item.text).replace(/\\\n/g, '\\\n' + '  '.repeat(depth + 1))}`, ...list(item.children ?? [], depth + 1)]);
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${inline(b.text).replace(/\\\n/g, ' ')}`;
    case 'paragraph':
      return inline(b.text);
    case 'list':
      return list(b.items, 0).join('\n');
    case 'fields':
      return b.rows.map(([label, value]) => `**${inline(label)}** ${inline(value)}`).join('\\\n');
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map((cell) => escape(cell).replace(/\n/g, '<br>')).join(' | ')} |`;
      return [`*${inline(b.caption)}*`, '', row(b.head), `|${b.head.map(() => ' --- |').join('')}`, ...b.rows.map(row)].join('\n');
    }
  }
}

export const renderMarkdown = (document: Document): string => `${document.blocks.map(block).join('\n\n')}\n`;
