// Renders a Document as PDF with pdfkit (pure JavaScript). The text is set in DejaVu Sans, embedded
// (only the glyphs used): the standard PDF fonts know only WinAnsi and would drop the ł, ş, ğ, č
// of names in official minutes, and the report's status symbols ✔ ◐ ✖.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { LRUCache } from 'lru-cache';
import PDFDocument from 'pdfkit';
import type { Block, Document, ListItem } from './document.js';

/**
 * A shaped word as pdfkit wants it: its own positions, which pdfkit scales in place to its
 * 1000-unit text space, and its width in that space, summed once here: pdfkit reads the width of
 * a word every time it measures or sets it, and fontkit's own run sums its positions on each read.
 */
class ShapedRun {
  readonly glyphs: fontkit.Glyph[];
  readonly positions: fontkit.GlyphPosition[];
  readonly advanceWidth: number;
  constructor(run: fontkit.GlyphRun, scale: number) {
    this.glyphs = run.glyphs;
    let width = 0;
    // One literal shape, as fontkit's own positions have: pdfkit reads them in its hottest loop.
    // With the advanceWidth pdfkit adds, as a fraction (pdfkit stores fractions in every field):
    // V8 then never changes the objects' shape under that loop (~8 % of a render).
    this.positions = run.positions.map((p) => {
      width += p.xAdvance;
      return { xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset, advanceWidth: 0.5 } as fontkit.GlyphPosition;
    });
    this.advanceWidth = width * scale;
  }
}

/**
 * A font parsed once per process and shared by every document (each still embeds its own
 * subset): fontkit keeps the tables and glyphs it has decoded on the font object. Shaping the
 * words (pdfkit lays text out word by word) is a fifth of a long document's rendering and pdfkit
 * remembers shaped words only within one document, so they are remembered here across documents.
 */
function sharedFont(name: string): fontkit.Font {
  // TrueType rather than WOFF: fontkit reads WOFF glyphs ten times slower.
  const font = fontkit.create(readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`))) as fontkit.Font;
  const shaped = new LRUCache<string, fontkit.GlyphRun>({ max: 10_000 });
  const scale = 1000 / font.unitsPerEm;
  const layout = (text: string, features?: string[] | Record<string, boolean>) => {
    if (features) return font.layout(text, features);
    let run = shaped.get(text);
    if (!run) shaped.set(text, (run = font.layout(text)));
    return new ShapedRun(run, scale);
  };
  // pdfkit embeds any object that acts as a fontkit font; this one is the font with its own layout.
  return Object.create(font, { layout: { value: layout } }) as fontkit.Font;
}
const fonts = { FONT: sharedFont('DejaVuSans.ttf'), BOLD: sharedFont('DejaVuSans-Bold.ttf') };
const FONT = 'FONT';
const BOLD = 'BOLD';

/** What renderPdf touches of pdfkit's font object of one document (its EmbeddedFont). */
interface EmbeddedFont {
  encode(text: string, features?: unknown): [glyphIds: string[], positions: unknown[]];
}
/**
 * pdfkit sets each line by encoding it glyph by glyph (each glyph into the document's font subset,
 * as hex) after laying it out word by word; the words of minutes repeat, so each word is encoded
 * once per document (a fifth of a long document's rendering), to the same bytes pdfkit writes.
 * Per document: the glyph ids are those of the document's own subset.
 */
function rememberEncodings(embedded: EmbeddedFont) {
  const encode = embedded.encode.bind(embedded);
  const encoded = new Map<string, [string[], unknown[]]>();
  embedded.encode = (text, features) => {
    if (features) return encode(text, features);
    const glyphIds: string[] = [];
    const positions: unknown[] = [];
    // The words as pdfkit lays a line out: each with the space or tab that ends it.
    for (const word of text.match(/[^ \t]*[ \t]|[^ \t]+$/g) ?? []) {
      let run = encoded.get(word);
      if (!run) encoded.set(word, (run = encode(word)));
      for (let i = 0; i < run[0].length; i++) {
        glyphIds.push(run[0][i]!);
        positions.push(run[1][i]);
      }
    }
    return [glyphIds, positions];
  };
}
const headingSize = { 1: 18, 2: 14, 3: 12, 4: 11 } as const;

export function renderPdf(document: Document): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: document.landscape ? 'landscape' : 'portrait',
    margin: 56,
    info: { Title: document.title },
    lang: 'de-DE',
    bufferPages: false,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  for (const name of [FONT, BOLD] as const) {
    pdf.registerFont(name, fonts[name] as unknown as PDFKit.Mixins.PDFFontSource);
    rememberEncodings((pdf.font(name) as unknown as { _font: EmbeddedFont })._font);
  }
  pdf.font(FONT).fontSize(10);
  for (const b of document.blocks) block(pdf, b);
  pdf.end();
  return done;
}

const width = (pdf: PDFKit.PDFDocument) => pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;

function block(pdf: PDFKit.PDFDocument, b: Block) {
  const left = pdf.page.margins.left;
  switch (b.kind) {
    case 'heading':
      pdf.moveDown(0.6).font(BOLD).fontSize(headingSize[b.level]).text(b.text, left, undefined, { width: width(pdf) });
      pdf.font(FONT).fontSize(10).moveDown(0.3);
      return;
    case 'paragraph':
      pdf.text(b.text, left, undefined, { width: width(pdf) }).moveDown(0.5);
      return;
    case 'list':
      listItems(pdf, b.items, 0);
      pdf.moveDown(0.5);
      return;
    case 'fields':
      for (const [label, value] of b.rows) {
        pdf.font(BOLD).text(`${label} `, left, undefined, { continued: true }).font(FONT).text(value);
      }
      pdf.moveDown(0.5);
      return;
    case 'table':
      table(pdf, b.caption, b.head, b.rows);
      return;
  }
}

function listItems(pdf: PDFKit.PDFDocument, items: ListItem[], depth: number) {
  const indent = pdf.page.margins.left + 14 * depth;
  for (const item of items) {
    pdf.text(`•  ${item.text}`, indent, undefined, { width: width(pdf) - 14 * depth });
    listItems(pdf, item.children ?? [], depth + 1);
  }
}

function table(pdf: PDFKit.PDFDocument, caption: string, head: string[], rows: string[][]) {
  const left = pdf.page.margins.left;
  const columnWidth = width(pdf) / head.length;
  const padding = 3;
  pdf.font(BOLD).text(caption, left, undefined, { width: width(pdf) }).moveDown(0.3);
  const drawRow = (cells: string[], font: string) => {
    pdf.font(font);
    const heights = cells.map((cell) => pdf.heightOfString(cell, { width: columnWidth - 2 * padding }) + 2 * padding);
    const height = Math.max(...heights);
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const top = pdf.y;
    cells.forEach((cell, i) => {
      const x = left + i * columnWidth;
      pdf.rect(x, top, columnWidth, height).stroke();
      pdf.text(cell, x + padding, top + padding, { width: columnWidth - 2 * padding });
    });
    pdf.x = left;
    pdf.y = top + height;
  };
  drawRow(head, BOLD);
  for (const row of rows) drawRow(row, FONT);
  pdf.font(FONT).moveDown(0.5);
}
