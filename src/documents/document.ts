// A small document model that the minutes and the resolutions report are written in once and
// rendered from to Markdown, HTML and PDF (./markdown.ts, ./html.ts, ./pdf.ts).
// Text is plain text; a "\n" inside a text is a line break, never markup.

export interface ListItem {
  text: string;
  children?: ListItem[];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: ListItem[] }
  /** Label and value pairs, e.g. "Sitzungsort" and the address. */
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] };

export interface Document {
  title: string;
  /** Wide tables read better on a landscape page. */
  landscape?: boolean;
  blocks: Block[];
}

export const heading = (level: 1 | 2 | 3 | 4, text: string): Block => ({ kind: 'heading', level, text });
export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
