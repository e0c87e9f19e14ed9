// Renders a Document as PDF with pdfkit (pure JavaScript). The text is set in DejaVu Sans, embedded
// (only the glyphs used): the standard PDF fonts know only WinAnsi and would drop the ł, ş, ğ, č
// of names in official minutes, and the report's status symbols ✔ ◐ ✖.
import { readFileSync } from 'node:fs';
import { deflate } from 'node:zlib';
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
  id: string;
  ascender: number;
  encode(text: string): [glyphIds: string[], positions: { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  ref(): unknown;
}
/** What renderPdf touches of pdfkit's document beyond its typed API. */
interface PdfInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown>; content: PdfStream };
  addContent(data: string | Uint8Array): unknown;
  _fragment(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions & Record<string, unknown>): void;
}

/** A page's content stream in pdfkit (a PDFReference). */
interface PdfStream {
  buffer: Uint8Array[];
  compress: boolean;
  data: Record<string, unknown>;
  end(): void;
  finalize(): void;
}

/** pdfkit's number format in content streams (PDFObject.number): at most six decimals. */
const number = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A word as pdfkit writes it into a line's TJ operator: runs of glyph ids (hex) each closed by a
 * kerning adjustment, then the run still open. undefined for a word whose glyphs are offset
 * (combining marks), which pdfkit positions one by one.
 */
type SetWord = { closed: [hex: string, adjustment: string][]; open: string } | undefined;

function setWord(font: EmbeddedFont, word: string): SetWord {
  const [glyphIds, positions] = font.encode(word);
  const closed: [string, string][] = [];
  let open = '';
  for (let i = 0; i < glyphIds.length; i++) {
    const position = positions[i]!;
    if (position.xOffset || position.yOffset) return undefined;
    open += glyphIds[i];
    const kerning = position.xAdvance - position.advanceWidth;
    if (kerning !== 0) {
      closed.push([open, `${number(-kerning)}`]);
      open = '';
    }
  }
  return { closed, open };
}

/** Whether pdfkit would set a line with these options as plain text: left, unscaled, no decoration. */
const plain = (o: Record<string, unknown>) =>
  (!o.align || o.align === 'left') && !o.wordSpacing && !o.characterSpacing && (!o.horizontalScaling || o.horizontalScaling === 100) &&
  o.baseline == null && o.link == null && o.goTo == null && o.destination == null &&
  !o.underline && !o.strike && !o.oblique && !o.fill && !o.stroke && !o.features;

/**
 * pdfkit sets each line glyph by glyph: it encodes every glyph into the document's font subset
 * (as hex), compares its advance with its width for kerning, and writes each operator of the
 * line as a chunk of its own; that was a third of a long document's rendering. Here a plain line
 * is written from its words, each encoded once per document (the minutes' words repeat), as one
 * chunk with the same bytes pdfkit writes. Per document: the glyph ids are those of its subset.
 */
function setLinesByWord(pdf: PdfInternals) {
  const fragment = pdf._fragment;
  const words = new Map<EmbeddedFont, Map<string, SetWord>>();
  pdf._fragment = function (this: PdfInternals, text, x, y, options) {
    if (!plain(options)) return fragment.call(this, text, x, y, options);
    const line = text.replace(/\n/g, '');
    if (!line) return;
    const font = this._font;
    let known = words.get(font);
    if (!known) words.set(font, (known = new Map()));
    let commands = '';
    let open = '';
    // The words as pdfkit lays a line out: each with the space or tab that ends it.
    for (const piece of line.match(/[^ \t]*[ \t]|[^ \t]+$/g) ?? []) {
      let word = known.get(piece);
      if (!known.has(piece)) known.set(piece, (word = setWord(font, piece)));
      if (!word) return fragment.call(this, text, x, y, options);
      for (const [hex, adjustment] of word.closed) {
        commands += `${commands ? ' ' : ''}<${open}${hex}> ${adjustment}`;
        open = '';
      }
      open += word.open;
    }
    if (open) commands += `${commands ? ' ' : ''}<${open}> 0`;
    if (this.page.fonts[font.id] == null) this.page.fonts[font.id] = font.ref();
    const height = this.page.height;
    const baseline = height - y - (font.ascender / 1000) * this._fontSize;
    // pdfkit's save(), flip to text space, text object, restore(): the CTM is as before. As bytes
    // (ASCII): pdfkit converts a string to bytes in a loop of its own, char by char.
    const operators = `q\n1 0 0 -1 0 ${number(height)} cm\nBT\n1 0 0 1 ${number(x)} ${number(baseline)} Tm\n/${font.id} ${number(this._fontSize)} Tf\n[${commands}] TJ\nET\nQ\n`;
    this.addContent(Buffer.from(operators, 'latin1'));
  };
}
/**
 * pdfkit deflates each page's content stream when the page ends, at the default level, with
 * zlib.deflateSync on the event loop's thread: a fifth of a long document's rendering. Here it is
 * deflated the same way in libuv's thread pool while the next pages are set; pdfkit writes the stream when it is done
 * (it places objects in the file as they finish, and the cross-reference table at the end).
 */
function deflatePagesAside(pdf: PdfInternals & PDFKit.PDFDocument) {
  const deflateAside = () => {
    const content = pdf.page.content;
    if (!content.compress) return;
    content.end = () => {
      if (!content.buffer.length) return content.finalize();
      deflate(Buffer.concat(content.buffer), (error, deflated) => {
        if (error) return void pdf.emit('error', error);
        content.buffer = [deflated];
        content.compress = false;
        content.data.Filter = 'FlateDecode';
        content.finalize();
      });
    };
  };
  deflateAside();
  pdf.on('pageAdded', deflateAside);
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
  for (const name of [FONT, BOLD] as const) pdf.registerFont(name, fonts[name] as unknown as PDFKit.Mixins.PDFFontSource);
  setLinesByWord(pdf as unknown as PdfInternals);
  deflatePagesAside(pdf as unknown as PdfInternals & PDFKit.PDFDocument);
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
