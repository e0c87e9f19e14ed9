// Renders a Document as PDF with pdfkit (pure JavaScript, the standard Helvetica fonts).
import PDFDocument from 'pdfkit';
import type { Block, Document, ListItem } from './document.js';

// The standard PDF fonts know the WinAnsi characters only; the report's status symbols are not
// among them, so the PDF keeps the status words and drops the symbols.
const winAnsi = (text: string) => text.replace(/[^\n\x20-\x7e\xa0-\xff„“”‚‘’–—…•€]/g, '').replace(/^ +/gm, '');

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
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
      pdf.moveDown(0.6).font(BOLD).fontSize(headingSize[b.level]).text(winAnsi(b.text), left, undefined, { width: width(pdf) });
      pdf.font(FONT).fontSize(10).moveDown(0.3);
      return;
    case 'paragraph':
      pdf.text(winAnsi(b.text), left, undefined, { width: width(pdf) }).moveDown(0.5);
      return;
    case 'list':
      listItems(pdf, b.items, 0);
      pdf.moveDown(0.5);
      return;
    case 'fields':
      for (const [label, value] of b.rows) {
        pdf.font(BOLD).text(`${winAnsi(label)} `, left, undefined, { continued: true }).font(FONT).text(winAnsi(value));
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
    pdf.text(`•  ${winAnsi(item.text)}`, indent, undefined, { width: width(pdf) - 14 * depth });
    listItems(pdf, item.children ?? [], depth + 1);
  }
}

function table(pdf: PDFKit.PDFDocument, caption: string, head: string[], rows: string[][]) {
  const left = pdf.page.margins.left;
  const columnWidth = width(pdf) / head.length;
  const padding = 3;
  pdf.font(BOLD).text(winAnsi(caption), left, undefined, { width: width(pdf) }).moveDown(0.3);
  const drawRow = (cells: string[], font: string) => {
    pdf.font(font);
    const heights = cells.map((cell) => pdf.heightOfString(winAnsi(cell), { width: columnWidth - 2 * padding }) + 2 * padding);
    const height = Math.max(...heights);
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const top = pdf.y;
    cells.forEach((cell, i) => {
      const x = left + i * columnWidth;
      pdf.rect(x, top, columnWidth, height).stroke();
      pdf.text(winAnsi(cell), x + padding, top + padding, { width: columnWidth - 2 * padding });
    });
    pdf.x = left;
    pdf.y = top + height;
  };
  drawRow(head, BOLD);
  for (const row of rows) drawRow(row, FONT);
  pdf.font(FONT).moveDown(0.5);
}
