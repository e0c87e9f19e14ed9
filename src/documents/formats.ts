// The formats a document is delivered in: Markdown and HTML inline, PDF as a download.
import type { Document } from './document.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf.js';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';

export type DocumentFormat = 'MARKDOWN' | 'HTML' | 'PDF';

export const mediaTypes: Record<DocumentFormat, string> = {
  MARKDOWN: 'text/markdown; charset=utf-8',
  HTML: 'text/html; charset=utf-8',
  PDF: 'application/pdf',
};

export function renderText(document: Document, format: 'MARKDOWN' | 'HTML'): string {
  return format === 'HTML' ? renderHtml(document) : renderMarkdown(document);
}

/**
 * PDFs by the document they render. The key, also the ETag, is a hash of the document as built
 * for this request's reader: a reader only ever gets the rendering of exactly what they may see
 * (another audience's document is another key), and any change makes a new document and a new
 * key, with nothing to invalidate. Building the document is a query; rendering a long meeting's
 * PDF takes most of a second, and a client holding the ETag skips even the transfer (304).
 */
const renderedPdfs = new LRUCache<string, Buffer>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (pdf) => pdf.length });

const opaque = (etag: string) => etag.replace(/^W\//, '');

/** If-None-Match by the weak comparison of RFC 9110 §13.1.2. */
function notModified(request: IncomingMessage, etag: string): boolean {
  const header = request.headers['if-none-match'];
  return !!header && header.split(',').some((tag) => tag.trim() === '*' || opaque(tag.trim()) === opaque(etag));
}

/** Sends a document as a PDF download, or 304 when the client already has this very document. */
export async function sendPdf(request: IncomingMessage, response: ServerResponse, document: Document, fileName: string): Promise<void> {
  // Weak: two renderings of one document are equivalent, not byte-identical (creation date).
  const etag = `W/"${createHash('sha256').update(JSON.stringify(document)).digest('base64url')}"`;
  // For the reader of the token only: no shared cache may keep it; a browser asks again each time.
  const caching = { etag, 'cache-control': 'private, no-cache', vary: 'authorization' };
  if (notModified(request, etag)) {
    response.writeHead(304, caching);
    response.end();
    return;
  }
  let pdf = renderedPdfs.get(etag);
  if (!pdf) {
    pdf = await renderPdf(document);
    renderedPdfs.set(etag, pdf);
  }
  response.writeHead(200, {
    'content-type': mediaTypes.PDF,
    'content-length': pdf.length,
    'content-disposition': `attachment; filename="${fileName}"`,
    ...caching,
  });
  response.end(pdf);
}
