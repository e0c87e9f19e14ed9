// The worker thread of ./pdf-thread.ts: renders the documents it is sent, one after the other.
import { parentPort } from 'node:worker_threads';
import type { Document } from './document.js';
import { renderPdf } from './pdf.js';

parentPort!.on('message', ({ id, document }: { id: number; document: Document }) => {
  renderPdf(document).then(
    // Handed over, not copied: a PDF of this size has an ArrayBuffer of its own.
    (pdf) => parentPort!.postMessage({ id, pdf }, pdf.byteLength === pdf.buffer.byteLength ? [pdf.buffer as ArrayBuffer] : []),
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
