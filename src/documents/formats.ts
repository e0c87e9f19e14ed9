// The formats a document is delivered in: Markdown and HTML inline, PDF as a download.
import type { Document } from './document.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { rendererVersion, renderPdfInWorker } from './pdf-thread.js';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { RESP_TYPES } from 'redis';
import type { Redis } from '../redis.js';
import { notModified, opaque } from '../server/route-helpers.js';

export type DocumentFormat = 'MARKDOWN' | 'HTML' | 'PDF';

export const mediaTypes: Record<DocumentFormat, string> = {
  MARKDOWN: 'text/markdown; charset=utf-8',
  HTML: 'text/html; charset=utf-8',
  PDF: 'application/pdf',
};

export function renderText(document: Document, format: 'MARKDOWN' | 'HTML'): string {
  return format === 'HTML' ? renderHtml(document) : renderMarkdown(document);
}

/** How long a rendering stays in Redis for the other instances: a day (minutes change rarely once written). */
const SHARED_SECONDS = 24 * 60 * 60;

/**
 * PDFs by the document they render. The key, also the ETag, is a hash of the document as built
 * for this request's reader and of the renderer's version: a reader only ever gets the rendering
 * of exactly what they may see (another audience's document is another key), and any change makes
 * a new document and a new key, with nothing to invalidate. Building the document is a query; rendering a long meeting's
 * PDF takes a few hundred milliseconds, and a client holding the ETag skips even the transfer (304).
 * A document is rendered once at a time: readers asking meanwhile wait for that rendering
 * (lru-cache's fetch). With Redis, the instances behind the balancer share their renderings
 * under the same key, so a change is rendered once per audience, not once per instance.
 */
const renderedPdfs = new LRUCache<string, Buffer, { document: Document; redis?: Redis }>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (pdf) => pdf.length,
  fetchMethod: async (etag, _stale, { context: { document, redis } }) => {
    const key = `pdf:${opaque(etag)}`;
    // Redis down: the command fails at once (no offline queue) and the PDF is rendered here.
    const shared = await redis?.commands.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer }).get(key).catch(() => null);
    if (shared) return shared;
    const pdf = await renderPdfInWorker(document);
    void redis?.commands.set(key, pdf, { expiration: { type: 'EX', value: SHARED_SECONDS } }).catch(() => undefined);
    return pdf;
  },
});

/** Sends a document as a PDF download, or 304 when the client already has this very document. */
export async function sendPdf(request: IncomingMessage, response: ServerResponse, redis: Redis | undefined, document: Document, fileName: string): Promise<void> {
  // Weak: two renderings of one document are equivalent, not byte-identical (creation date).
  const etag = `W/"${createHash('sha256').update(rendererVersion).update(JSON.stringify(document)).digest('base64url')}"`;
  // For the reader of the token only: no shared cache may keep it; a browser asks again each time.
  const caching = { etag, 'cache-control': 'private, no-cache', vary: 'authorization' };
  if (notModified(request, etag)) {
    response.writeHead(304, caching);
    response.end();
    return;
  }
  const pdf = (await renderedPdfs.fetch(etag, { context: { document, redis } }))!;
  response.writeHead(200, {
    'content-type': mediaTypes.PDF,
    'content-length': pdf.length,
    'content-disposition': `attachment; filename="${fileName}"`,
    ...caching,
  });
  response.end(pdf);
}
