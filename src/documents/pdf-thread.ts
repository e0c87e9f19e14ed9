// PDFs rendered in a worker thread of the instance (./pdf-worker.ts), so that a long document's
// rendering, a few hundred milliseconds of CPU, does not hold up the event loop and with it
// every other request the instance is answering meanwhile.
import { Worker } from 'node:worker_threads';
import type { Document } from './document.js';

type Reply = { id: number; pdf: Uint8Array; error?: undefined } | { id: number; error: string };

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(pdf: Buffer): void; reject(error: Error): void }>();

function startWorker(): Worker {
  // Under tsx (development, tests) the worker's module is TypeScript too: the thread first
  // registers tsx's loader (a worker takes no --import of its own), then imports it.
  const typescript = import.meta.url.endsWith('.ts');
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
