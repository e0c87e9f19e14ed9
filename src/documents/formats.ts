// The formats a document is delivered in: Markdown and HTML inline, PDF as a download.
import type { Document } from './document.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf.js';
import type { ServerResponse } from 'node:http';

export type DocumentFormat = 'MARKDOWN' | 'HTML' | 'PDF';

export const mediaTypes: Record<DocumentFormat, string> = {
  MARKDOWN: 'text/markdown; charset=utf-8',
  HTML: 'text/html; charset=utf-8',
  PDF: 'application/pdf',
};

export function renderText(document: Document, format: 'MARKDOWN' | 'HTML'): string {
  return format === 'HTML' ? renderHtml(document) : renderMarkdown(document);
}

/** Sends a document as a PDF download; it is rendered for this request's reader, so not cached. */
export async function sendPdf(response: ServerResponse, document: Document, fileName: string): Promise<void> {
  const pdf = await renderPdf(document);
  response.writeHead(200, {
    'content-type': mediaTypes.PDF,
    'content-length': pdf.length,
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'private, no-store',
  });
  response.end(pdf);
}
