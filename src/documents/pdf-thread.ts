// PDFs rendered in a worker thread of the instance (./pdf-worker.ts), so that a long document's
// rendering, a few hundred milliseconds of CPU, does not hold up the event loop and with it
// every other request the instance is answering meanwhile.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { heading, paragraph, type Document } from './document.js';

type Reply = { id: number; pdf: Uint8Array; error?: undefined } | { id: number; error: string };

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(pdf: Buffer): void; reject(error: Error): void }>();

// Under tsx (development, tests) the renderer's modules are TypeScript.
const typescript = import.meta.url.endsWith('.ts');

/**
 * What a rendering depends on besides its document: our renderer's code and pdfkit's. Part of a
 * rendering's key, so that after a deploy that changes either, no instance serves (nor a client
 * keeps by its ETag) a rendering another version made.
 */
export const rendererVersion = createHash('sha256')
  .update(readFileSync(new URL(typescript ? './pdf.ts' : './pdf.js', import.meta.url)))
  .update(readFileSync(createRequire(import.meta.url).resolve('pdfkit')))
  .digest('base64url')
  .slice(0, 16);

function startWorker(): Worker {
  // The thread first registers tsx's loader (a worker takes no --import of its own), then
  // imports the worker's module.
  const url = new URL(typescript ? './pdf-worker.ts' : './pdf-worker.js', import.meta.url);
  const started = typescript
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`, { eval: true })
    : new Worker(url);
  // The server keeps the process alive, not the renderer.
  started.unref();
  started.on('message', (reply: Reply) => {
    const request = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error !== undefined) request?.reject(new Error(reply.error));
    else request?.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
  });
  const fail = (error: Error) => {
    // The next rendering starts a new worker.
    if (worker === started) worker = undefined;
    for (const request of waiting.values()) request.reject(error);
    waiting.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`The PDF worker exited with code ${code}.`)));
  return started;
}

export function renderPdfInWorker(document: Document): Promise<Buffer> {
  worker ??= startWorker();
  const id = nextId++;
  const rendered = new Promise<Buffer>((resolve, reject) => waiting.set(id, { resolve, reject }));
  worker.postMessage({ id, document });
  return rendered;
}

/** A little of everything the documents set: each kind of block, both fonts, the letters beyond Latin-1. */
const SAMPLE: Document = {
  title: 'Niederschrift',
  blocks: [
    heading(1, 'Niederschrift'),
    { kind: 'fields', rows: [['Sitzungstermin', 'Donnerstag, den 21.11.2024, 16:35 Uhr']] },
    heading(3, 'Zu Punkt 1: „Digitale Schule“ – Sachstand'),
    paragraph('Łukasz Şahin-Čermák und Ayşe Doğan berichten. Abstimmungsergebnis: einstimmig angenommen'),
    { kind: 'list', items: [{ text: '1. Eröffnung der Sitzung', children: [{ text: '1.1 Anträge' }] }] },
    { kind: 'table', caption: 'Offene Beschlüsse', head: ['Nr.', 'Status'], rows: [['12/006/2024', '✔ erledigt ◐ in Arbeit ✖ offen']] },
  ],
};

/**
 * Starts the worker and has it render a small document, so that the first reader of a PDF does
 * not wait for the worker to load pdfkit and the fonts and for V8 to compile the renderer.
 */
export function warmPdfWorker(): void {
  renderPdfInWorker(SAMPLE).catch(() => undefined);
}
