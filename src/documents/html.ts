// Renders a Document as a standalone, printable HTML5 page in German (lang="de"): real headings,
// lists, tables with header cells and a caption, and print styles.
import type { Block, Document, ListItem } from './document.js';

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const inline = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');

const list = (items: ListItem[]): string =>
  `<ul>${items.map((item) => `<li>${inline(item.text)}${item.children?.length ? list(item.children) : ''}</li>`).join('')}</ul>`;

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${inline(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'list':
      return list(b.items);
    case 'fields':
      return `<table class="fields"><tbody>${b.rows
        .map(([label, value]) => `<tr><th scope="row">${inline(label)}</th><td>${inline(value)}</td></tr>`)
        .join('')}</tbody></table>`;
    case 'table':
      return `<table><caption>${inline(b.caption)}</caption><thead><tr>${b.head
        .map((cell) => `<th scope="col">${inline(cell)}</th>`)
        .join('')}</tr></thead><tbody>${b.rows.map((row) => `<tr>${row.map((cell) => `<td>${inline(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  }
}

const style = (landscape: boolean) => `
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #000; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; } h3, h4 { font-size: 1.1em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
table.fields th, table.fields td { border: none; padding: 0 1em 0 0; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.5em; }
@media print { body { margin: 0; max-width: none; } h2, h3, h4 { break-after: avoid; } tr { break-inside: avoid; } }
@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 2cm; }`;

export function renderHtml(document: Document): string {
  return `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)}</title>
<style>${style(document.landscape ?? false)}</style>
</head>
<body>
<main>
${document.blocks.map(block).join('\n')}
</main>
</body>
</html>
`;
}
