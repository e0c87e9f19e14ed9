// Reading rendered documents back as plain text, to compare them with the seed documents.
import { extractText, getDocumentProxy } from 'unpdf';

/** Markdown without its markup: heading and list markers, emphasis, escapes, hard breaks. */
export function markdownText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s*#+\s/, '')
        .replace(/^\s*-\s/, '')
        .replace(/^\|?\s*---.*$/, '')
        .replace(/\*\*|^\*|\*$/g, '')
        .replace(/\|/g, ' ')
        .replace(/<br>/g, ' ')
        .replace(/\\$/, '')
        .replace(/\\(.)/g, '$1'),
    )
    .join('\n');
}

/** The text of an HTML page's body, tags removed and entities decoded. */
export function htmlText(html: string): string {
  const body = html.slice(html.indexOf('<body>'));
  return body
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The text of a PDF response, all pages merged. */
export async function pdfText(response: Response): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await response.arrayBuffer())), { mergePages: true });
  return text;
}

/** Whitespace collapsed: layout is not compared, wording and order are. */
export const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text split at the given headings, which must occur in this order. */
export function sections(text: string, headings: string[]): Record<string, string> {
  const flat = normalize(text);
  const result: Record<string, string> = {};
  let position = 0;
  const starts = headings.map((heading) => {
    const at = flat.indexOf(heading, position);
    if (at < 0) throw new Error(`Heading "${heading}" not found after position ${position}`);
    position = at + heading.length;
    return at;
  });
  result['(before)'] = flat.slice(0, starts[0]).trim();
  headings.forEach((heading, i) => {
    result[`${i}: ${heading}`] = flat.slice(starts[i], starts[i + 1] ?? flat.length).trim();
  });
  return result;
}

/** Every opened element is closed in order (void elements aside): a cheap well-formedness check. */
export function unbalancedTags(html: string): string[] {
  const voids = new Set(['meta', 'br', 'link', 'img', 'hr', 'input']);
  const stack: string[] = [];
  const problems: string[] = [];
  for (const match of html.replace(/<!DOCTYPE[^>]*>/i, '').matchAll(/<(\/?)([a-z0-9]+)[^>]*>/gi)) {
    const [, closing, name = ''] = match;
    if (voids.has(name.toLowerCase())) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> at ${match.index}`);
  }
  return [...problems, ...stack.map((name) => `<${name}> not closed`)];
}
